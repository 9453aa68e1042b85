//! Amounts between minor units and major-unit decimals, per currency exponent.

use stripe_edge::currency::{self, AmountError};

#[test]
fn exponents_follow_stripes_currency_lists() {
    for (code, exponent) in [
        ("usd", 2),
        ("EUR", 2),
        ("jpy", 0),
        ("KRW", 0),
        ("xof", 0),
        ("kwd", 3),
        ("BHD", 3),
        ("tnd", 3),
        ("isk", 2),
        ("huf", 2),
    ] {
        assert_eq!(currency::exponent(code), exponent, "{code}");
    }
}

#[test]
fn minor_units_print_as_major_decimals_and_read_back_exactly() {
    let cases = [
        (1234, "usd", "12.34"),
        (5, "usd", "0.05"),
        (-5, "usd", "-0.05"),
        (-1234, "eur", "-12.34"),
        (0, "usd", "0.00"),
        (1234, "jpy", "1234"),
        (-7, "jpy", "-7"),
        (1234, "kwd", "1.234"),
        (1, "bhd", "0.001"),
        (i64::MAX, "usd", "92233720368547758.07"),
        (i64::MIN + 1, "usd", "-92233720368547758.07"),
        (i64::MIN, "jpy", "-9223372036854775808"),
    ];
    for (minor, code, major) in cases {
        assert_eq!(currency::to_major(minor, code), major, "{minor} {code}");
        if minor != i64::MIN {
            assert_eq!(currency::to_minor(major, code), Ok(minor), "{major} {code}");
        }
    }
}

#[test]
fn decimals_read_as_minor_units_or_say_why_not() {
    for (major, code, expected) in [
        ("12.3", "usd", Ok(1230)),
        ("12", "usd", Ok(1200)),
        ("12.340", "usd", Ok(1234)),
        ("+1.5", "usd", Ok(150)),
        (".5", "usd", Ok(50)),
        ("3.", "usd", Ok(300)),
        ("1.00", "jpy", Ok(1)),
        ("0.1", "kwd", Ok(100)),
        ("12.345", "usd", Err(AmountError::TooPrecise)),
        ("1.5", "jpy", Err(AmountError::TooPrecise)),
        ("1.2345", "kwd", Err(AmountError::TooPrecise)),
        ("", "usd", Err(AmountError::NotDecimal)),
        (".", "usd", Err(AmountError::NotDecimal)),
        ("-", "usd", Err(AmountError::NotDecimal)),
        ("1e5", "usd", Err(AmountError::NotDecimal)),
        ("1.2.3", "usd", Err(AmountError::NotDecimal)),
        ("1,000.00", "usd", Err(AmountError::NotDecimal)),
        (" 1", "usd", Err(AmountError::NotDecimal)),
        ("--1", "usd", Err(AmountError::NotDecimal)),
        ("92233720368547758.08", "usd", Err(AmountError::TooLarge)),
        ("99999999999999999999999", "jpy", Err(AmountError::TooLarge)),
    ] {
        assert_eq!(currency::to_minor(major, code), expected, "{major} {code}");
    }
}
