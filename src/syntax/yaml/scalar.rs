//! How a plain scalar is typed (YAML 1.2 core schema: null, booleans, integers in three
//! bases, floats), once, for every reader.

use super::*;

/// What a scalar means: a plain scalar typed by the YAML 1.2 core schema plus the YAML 1.1
/// octal form `0644` that Kubernetes accepts; any other scalar is a string.
#[derive(Debug, Clone, Copy)]
pub enum Typed<'a> {
    Null,
    Bool(bool),
    /// Zero and positive integers.
    Unsigned(u64),
    /// Negative integers.
    Signed(i64),
    Float(f64),
    Str(&'a str),
}

impl PartialEq for Typed<'_> {
    /// Equal as values: YAML has one NaN, equal to itself.
    fn eq(&self, other: &Self) -> bool {
        match (*self, *other) {
            (Typed::Null, Typed::Null) => true,
            (Typed::Bool(a), Typed::Bool(b)) => a == b,
            (Typed::Unsigned(a), Typed::Unsigned(b)) => a == b,
            (Typed::Signed(a), Typed::Signed(b)) => a == b,
            (Typed::Float(a), Typed::Float(b)) => a == b || (a.is_nan() && b.is_nan()),
            (Typed::Str(a), Typed::Str(b)) => a == b,
            _ => false,
        }
    }
}

impl Scalar {
    /// What the scalar means; [`Node::to_value`] and the span-tree deserializer both read
    /// scalars through this.
    pub fn typed(&self) -> Typed<'_> {
        if self.style != ScalarStyle::Plain {
            return Typed::Str(&self.text);
        }
        match self.text.as_str() {
            // Most keys and names: no number starts with a letter, nor do other nulls or bools.
            text if text.starts_with(|c: char| {
                c.is_ascii_alphabetic() && !matches!(c, 'n' | 'N' | 't' | 'T' | 'f' | 'F')
            }) =>
            {
                Typed::Str(text)
            }
            "" | "~" | "null" | "Null" | "NULL" => Typed::Null,
            "true" | "True" | "TRUE" => Typed::Bool(true),
            "false" | "False" | "FALSE" => Typed::Bool(false),
            text => parse_int(text)
                .or_else(|| parse_float(text).map(Typed::Float))
                .unwrap_or(Typed::Str(text)),
        }
    }
}

/// Decimal, `0x` hex, `0o` octal and YAML 1.1 `0755` octal integers, optionally signed.
fn parse_int(text: &str) -> Option<Typed<'static>> {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (radix, digits) = if let Some(hex) = unsigned.strip_prefix("0x") {
        (16, hex)
    } else if let Some(octal) = unsigned.strip_prefix("0o") {
        (8, octal)
    } else if let Some(octal) = unsigned
        .strip_prefix('0')
        .filter(|rest| !rest.is_empty() && rest.bytes().all(|b| matches!(b, b'0'..=b'7')))
    {
        (8, octal)
    } else {
        (10, unsigned)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = u64::from_str_radix(digits, radix).ok()?;
    if text.starts_with('-') {
        let value = 0i64.checked_sub_unsigned(magnitude)?;
        Some(u64::try_from(value).map_or(Typed::Signed(value), Typed::Unsigned))
    } else {
        Some(Typed::Unsigned(magnitude))
    }
}

/// Core-schema floats: `1.5`, `.5`, `1e3`, `-.inf`, `.nan` and the like.
fn parse_float(text: &str) -> Option<f64> {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    match unsigned {
        ".inf" | ".Inf" | ".INF" if text.starts_with('-') => return Some(f64::NEG_INFINITY),
        ".inf" | ".Inf" | ".INF" => return Some(f64::INFINITY),
        ".nan" | ".NaN" | ".NAN" if unsigned == text => return Some(f64::NAN),
        _ => {}
    }
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let (mantissa, exponent) = unsigned
        .split_once(['e', 'E'])
        .map_or((unsigned, None), |(m, e)| (m, Some(e)));
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mantissa_ok =
        digits(whole) && digits(fraction) && !(whole.is_empty() && fraction.is_empty());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    if mantissa_ok && exponent_ok {
        text.parse().ok()
    } else {
        None
    }
}
