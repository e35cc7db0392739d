//! The empty-input rule (README, "Reliability"): a computation over a series, a panel, a set
//! of units, sectors, items or periods given none is an [`Error::Empty`] naming what is
//! empty; a collection that may be empty (observations, findings, a table's rows) gives
//! an empty result. Python and C give the same answers (their tests mirror this one).

use nangsuat::accounting::capital::Timing;
use nangsuat::accounting::inventory::accumulate;
use nangsuat::accounting::pwt::{PwtInput, pwt_tfp};
use nangsuat::efficiency::production::Production;
use nangsuat::plan::validation::validate_plans;
use nangsuat::structure::index::{Formula, Linking, index_series};
use nangsuat::structure::shift_share::{
    GeadPeriod, domar_aggregate, gead, regions_to_nation, shift_share, shift_share_by_period,
};
use nangsuat::{AccountingInput, Error, GrowthAccounting, LabourShare, Share};

#[track_caller]
fn empty<T: std::fmt::Debug>(result: nangsuat::Result<T>, names: &str) {
    match result {
        Err(e @ Error::Empty { .. }) => {
            assert!(e.to_string().contains(names), "{e} should name {names}")
        }
        other => panic!("expected an empty-input error naming {names}, got {other:?}"),
    }
}

#[test]
fn computations_over_nothing_are_empty_errors() {
    let none: [f64; 0] = [];
    let share = LabourShare::Constant(Share::new(0.6).unwrap());
    let input = AccountingInput::new(&[], &none, &none, &none, share);
    empty(GrowthAccounting::tornqvist().compute(&input), "output");
    empty(GrowthAccounting::gso().compute(&input), "output");
    let no_entity: [u32; 0] = [];
    empty(
        GrowthAccounting::tornqvist().compute_panel(&no_entity, &input),
        "output",
    );
    let pwt = PwtInput::new(
        &no_entity,
        &[],
        &none,
        &none,
        &none,
        &none,
        &none,
        &none,
        &none,
        &none,
    );
    empty(pwt_tfp(&pwt, &1), "countrycode");
    empty(Production::new(&none, 1, &none, 1), "inputs");
    empty(
        accumulate(&none, &none, Timing::EndOfYear, 1.0),
        "investment",
    );
    empty(shift_share(&none, &none, &none, &none), "y0");
    empty(shift_share_by_period(&[], &[]), "output");
    let p = GeadPeriod {
        nominal: &none,
        real: &none,
        labour: &none,
        aggregate_real: 1.0,
    };
    empty(gead(p, p), "nominal0");
    empty(
        domar_aggregate(&none, &none, &none, 1.0, 1.0),
        "gross_output0",
    );
    let no_region: [&str; 0] = [];
    empty(regions_to_nation(&no_region, &[], &none, &none), "region");
    for linking in [Linking::FixedBase, Linking::Chained, Linking::Multilateral] {
        empty(index_series(&[], &[], Formula::Fisher, linking), "prices");
        let no_items = vec![Vec::new(), Vec::new()];
        empty(
            index_series(&no_items, &no_items, Formula::Fisher, linking),
            "items",
        );
    }
}

#[test]
fn collections_that_may_be_empty_give_empty_results() {
    assert!(validate_plans(&[]).is_empty());
    let none = nangsuat::monitoring::observation::Observations::from_csv(
        "scope,indicator,year,value,unit,note,source_url,evidence\n",
    )
    .unwrap();
    assert_eq!(none.rows().len(), 0);
}
