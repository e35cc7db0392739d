//! The compiled half of the `nangsuat` Python package. It only translates: numpy buffers and
//! Python values in, the core's results out. The pure-Python package (`python/nangsuat`)
//! wraps it with pandas, plots and the public names.

mod accounting;
mod capital;
mod derived;
mod efficiency;
mod errors;
mod estimation;
mod ingest;
mod interrupt;
mod json;
mod monitoring;
mod plans;
mod scenario;
mod sfa;
mod structure;

use pyo3::prelude::*;

#[pymodule]
fn _nangsuat(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", nangsuat::VERSION)?;
    m.add_class::<accounting::PyAccounting>()?;
    m.add_class::<plans::PyPlan>()?;
    m.add_class::<plans::PyFinding>()?;
    m.add_class::<plans::PyGoal>()?;
    m.add_class::<plans::PyPlanDocument>()?;
    m.add_class::<monitoring::PyObservations>()?;
    m.add_class::<monitoring::PyReport>()?;
    m.add_class::<monitoring::PyProgress>()?;
    m.add_class::<monitoring::PyGoalRow>()?;
    m.add_class::<accounting::PyPeriodSummary>()?;
    m.add_function(wrap_pyfunction!(accounting::growth_accounting, m)?)?;
    m.add_function(wrap_pyfunction!(accounting::growth_accounting_panel, m)?)?;
    m.add_function(wrap_pyfunction!(accounting::pwt_tfp_columns, m)?)?;
    m.add_function(wrap_pyfunction!(efficiency::dea_columns, m)?)?;
    m.add_function(wrap_pyfunction!(efficiency::malmquist_columns, m)?)?;
    m.add_function(wrap_pyfunction!(
        efficiency::frontier_efficiency_columns,
        m
    )?)?;
    m.add_function(wrap_pyfunction!(plans::builtin_plans, m)?)?;
    m.add_function(wrap_pyfunction!(plans::validate_plan_set, m)?)?;
    m.add_function(wrap_pyfunction!(monitoring::progress, m)?)?;
    m.add_function(wrap_pyfunction!(monitoring::assess, m)?)?;
    m.add_function(wrap_pyfunction!(monitoring::vietnam_report, m)?)?;
    m.add_function(wrap_pyfunction!(errors::_error_classes, m)?)?;
    m.add_class::<derived::PyDerivedSet>()?;
    m.add_function(wrap_pyfunction!(derived::derive_ratio, m)?)?;
    m.add_function(wrap_pyfunction!(derived::derive_growth, m)?)?;
    m.add_function(wrap_pyfunction!(derived::derive_tfp, m)?)?;
    m.add_function(wrap_pyfunction!(derived::match_territories, m)?)?;
    m.add_function(wrap_pyfunction!(derived::territory_catalogue, m)?)?;
    m.add_function(wrap_pyfunction!(sfa::sfa_fit, m)?)?;
    m.add_function(wrap_pyfunction!(ingest::read_table_columns, m)?)?;
    // Capital, structure, index numbers, feasibility and what it takes (issue 16).
    m.add_class::<scenario::PyScenario>()?;
    m.add_class::<scenario::PyProjection>()?;
    m.add_function(wrap_pyfunction!(capital::capital_stock_columns, m)?)?;
    m.add_function(wrap_pyfunction!(structure::shift_share_columns, m)?)?;
    m.add_function(wrap_pyfunction!(structure::gead_columns, m)?)?;
    m.add_function(wrap_pyfunction!(structure::regions_to_nation_rows, m)?)?;
    m.add_function(wrap_pyfunction!(structure::domar_aggregate, m)?)?;
    m.add_function(wrap_pyfunction!(structure::index_series_columns, m)?)?;
    m.add_function(wrap_pyfunction!(structure::bilateral_index, m)?)?;
    m.add_function(wrap_pyfunction!(scenario::scenario_targets, m)?)?;
    m.add_function(wrap_pyfunction!(scenario::consistency, m)?)?;
    m.add_function(wrap_pyfunction!(scenario::realism, m)?)?;
    m.add_function(wrap_pyfunction!(
        estimation::production_function_columns,
        m
    )?)?;
    m.add_function(wrap_pyfunction!(estimation::decomposition_columns, m)?)?;
    Ok(())
}
