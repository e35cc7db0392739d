//! Numbers in plan files: every number a person writes must be a number.
//!
//! TOML accepts `nan` and `inf`, and JSON cannot write them back: a plan holding one would load
//! from TOML, pass as a plan, and then fail to load from its own JSON. Targets, baselines and
//! budgets are therefore finite when read, and a budget written as a whole number stays a whole
//! number (a VND amount of 9,007,199,254,740,993 is not rounded to the nearest `f64`).

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// Reads a finite `f64` (serde `deserialize_with`), rejecting `nan` and `±inf` with the
/// deserializer's position.
pub(crate) fn finite<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    let value = f64::deserialize(deserializer)?;
    if value.is_finite() {
        Ok(value)
    } else {
        Err(de::Error::custom(format!(
            "{value} is not a number a plan can hold: write a finite value"
        )))
    }
}

/// [`finite`] for an optional number.
pub(crate) fn finite_option<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<f64>, D::Error> {
    match Option::<f64>::deserialize(deserializer)? {
        Some(v) if !v.is_finite() => Err(de::Error::custom(format!(
            "{v} is not a number a plan can hold: write a finite value"
        ))),
        other => Ok(other),
    }
}

/// An amount of money as written: a whole number stays whole (exact up to ±2⁶³), a decimal is
/// a finite `f64`.
///
/// ```
/// use nangsuat::plan::Amount;
/// let big: Amount = serde_json::from_str("9007199254740993").unwrap();
/// assert_eq!(big, Amount::Whole(9_007_199_254_740_993));
/// assert_eq!(serde_json::to_string(&big).unwrap(), "9007199254740993");
/// assert!(serde_json::from_str::<Amount>("1e400").is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Amount {
    /// A whole number, as written.
    Whole(i64),
    /// A number with a fractional part (finite).
    Decimal(f64),
}

impl Amount {
    /// The amount as an `f64` (whole numbers beyond 2⁵³ round to the nearest `f64`).
    pub fn as_f64(self) -> f64 {
        match self {
            // Rounding is what this accessor is for; the exact value stays in `Whole`.
            #[allow(clippy::cast_precision_loss)]
            Amount::Whole(v) => v as f64,
            Amount::Decimal(v) => v,
        }
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Amount::Whole(v) => write!(f, "{v}"),
            Amount::Decimal(v) => write!(f, "{v}"),
        }
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            Amount::Whole(v) => serializer.serialize_i64(v),
            Amount::Decimal(v) => serializer.serialize_f64(v),
        }
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AmountVisitor;
        impl Visitor<'_> for AmountVisitor {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an amount: a whole number or a finite decimal")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                Ok(Amount::Whole(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                i64::try_from(v).map(Amount::Whole).map_err(|_| {
                    E::custom(format!(
                        "{v} is larger than the largest amount, {}",
                        i64::MAX
                    ))
                })
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
                if v.is_finite() {
                    Ok(Amount::Decimal(v))
                } else {
                    Err(E::custom(format!(
                        "{v} is not an amount a plan can hold: write a finite value"
                    )))
                }
            }
        }
        deserializer.deserialize_any(AmountVisitor)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Amount {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Amount".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An amount of money: a whole number (kept exact) or a finite decimal.",
            "type": "number"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_stay_whole_in_toml_and_json() {
        #[derive(Deserialize, Serialize)]
        struct B {
            amount: Amount,
        }
        let b: B = toml::from_str("amount = 9007199254740993").unwrap();
        assert_eq!(b.amount, Amount::Whole(9_007_199_254_740_993));
        assert_eq!(
            toml::to_string(&b).unwrap().trim(),
            "amount = 9007199254740993"
        );
        let b: B = toml::from_str("amount = 12.5").unwrap();
        assert_eq!(b.amount, Amount::Decimal(12.5));
        for bad in ["amount = nan", "amount = inf", "amount = -inf"] {
            let e = toml::from_str::<B>(bad).err().unwrap().to_string();
            assert!(e.contains("finite"), "{bad}: {e}");
        }
        assert!(serde_json::from_str::<B>(r#"{"amount": 18446744073709551615}"#).is_err());
    }
}
