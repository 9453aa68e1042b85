//! String enums with the same values are emitted once: the spec repeats an enum in
//! every schema that has the field (`collection_method` in five models, a card's
//! `setup_future_usage` in seventeen Checkout option types), and each copy would be a
//! type, a decoder and a declaration of its own.
//!
//! The one type is named by what its copies' names share, first words and last words
//! (`CheckoutAcssDebitPaymentMethodOptionsSetupFutureUsage` and
//! `CheckoutCardPaymentMethodOptionsSetupFutureUsage` →
//! `CheckoutPaymentMethodOptionsSetupFutureUsage`; `InvoiceCollectionMethod` and
//! `QuoteCollectionMethod` → `CollectionMethod`), when that is two words or more and no
//! other type has the name; otherwise it keeps the shortest of its copies' names.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Item, Kind, Models, Ty};

/// Merges the string enums of `models` that have the same values, renaming every field
/// that used a copy. `reserved` are names the models' components take; `fields` says
/// which field each enum was made for (`Invoice.collection_method`).
pub fn merge(models: &mut Models, reserved: &BTreeSet<String>, fields: &BTreeMap<String, String>) {
    let mut by_values: BTreeMap<Vec<String>, Vec<String>> = BTreeMap::new();
    for (name, item) in &models.items {
        if let Kind::Enum(variants) = &item.kind {
            let values = variants.iter().map(|v| v.value.clone()).collect();
            by_values.entry(values).or_default().push(name.clone());
        }
    }
    let mut groups: Vec<Vec<String>> = by_values
        .into_values()
        .filter(|members| members.len() > 1)
        .collect();
    // The largest groups choose their names first.
    groups.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    let mut taken: BTreeSet<String> = models.items.keys().cloned().collect();
    taken.extend(reserved.iter().cloned());
    let mut renames: BTreeMap<String, String> = BTreeMap::new();
    for members in &groups {
        let name = match shared_words(members) {
            Some(name) if !taken.contains(&name) || members.contains(&name) => name,
            _ => members
                .iter()
                .min_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)))
                .expect("groups have members")
                .clone(),
        };
        taken.insert(name.clone());
        let first = models.items[&members[0]].clone();
        let docs: BTreeSet<&str> = members
            .iter()
            .map(|m| models.items[m].doc.as_str())
            .collect();
        let doc = match docs.into_iter().collect::<Vec<_>>().as_slice() {
            [one] => one.to_string(),
            _ => describe(members, fields),
        };
        for member in members {
            models.items.remove(member);
            renames.insert(member.clone(), name.clone());
        }
        models.items.insert(
            name,
            Item {
                doc,
                kind: first.kind,
            },
        );
    }
    for item in models.items.values_mut() {
        if let Kind::Struct(structure) = &mut item.kind {
            for field in &mut structure.fields {
                rename(&mut field.ty, &renames);
            }
        }
    }
}

/// The words (at capitals and digits) that all `names` start with, then those they
/// all end with; `None` when that is fewer than two words.
fn shared_words(names: &[String]) -> Option<String> {
    let words: Vec<Vec<&str>> = names.iter().map(|n| split(n)).collect();
    let shortest = words.iter().map(Vec::len).min().unwrap_or(0);
    let same = |word: fn(&[&str], usize) -> usize, i: usize| {
        words
            .iter()
            .map(|w| w[word(w, i)])
            .collect::<BTreeSet<_>>()
            .len()
            == 1
    };
    let prefix = (0..shortest).take_while(|&i| same(|_, i| i, i)).count();
    let suffix = (0..shortest - prefix)
        .take_while(|&i| same(|w, i| w.len() - 1 - i, i))
        .count();
    if prefix + suffix < 2 {
        return None;
    }
    let first = &words[0];
    let mut out: String = first[..prefix].concat();
    out.push_str(&first[first.len() - suffix..].concat());
    Some(out)
}

/// `InvoiceCollectionMethod` → `Invoice`, `Collection`, `Method`.
fn split(name: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = name.as_bytes();
    for i in 1..bytes.len() {
        let boundary = bytes[i].is_ascii_uppercase()
            || (bytes[i].is_ascii_digit() && !bytes[i - 1].is_ascii_digit());
        if boundary {
            out.push(&name[start..i]);
            start = i;
        }
    }
    out.push(&name[start..]);
    out
}

/// A doc line naming the fields whose values the enum holds.
fn describe(members: &[String], fields: &BTreeMap<String, String>) -> String {
    let mut names: Vec<String> = members
        .iter()
        .map(|m| format!("`{}`", fields.get(m).map_or(m.as_str(), String::as_str)))
        .collect();
    names.sort();
    let more = names.len().saturating_sub(3);
    names.truncate(3);
    let tail = match more {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    format!("The values of {}{tail}.", names.join(", "))
}

fn rename(ty: &mut Ty, renames: &BTreeMap<String, String>) {
    match ty {
        Ty::Named(name) => {
            if let Some(new) = renames.get(name) {
                *name = new.clone();
            }
        }
        Ty::Vec(inner) | Ty::Map(inner) | Ty::List(inner) | Ty::Boxed(inner) => {
            rename(inner, renames)
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn shared_names_keep_the_first_and_last_words_in_common() {
        assert_eq!(
            shared_words(&names(&[
                "InvoiceCollectionMethod",
                "QuoteCollectionMethod"
            ])),
            Some("CollectionMethod".into())
        );
        assert_eq!(
            shared_words(&names(&[
                "CheckoutAcssDebitPaymentMethodOptionsSetupFutureUsage",
                "CheckoutCardPaymentMethodOptionsSetupFutureUsage"
            ])),
            Some("CheckoutPaymentMethodOptionsSetupFutureUsage".into())
        );
        assert_eq!(
            shared_words(&names(&[
                "MandateStatus",
                "AccountCapabilitiesCardPayments"
            ])),
            None
        );
        assert_eq!(shared_words(&names(&["ChargeType", "DisputeType"])), None);
        assert_eq!(
            split("PaymentMethodP24Bank"),
            ["Payment", "Method", "P", "24", "Bank"]
        );
    }
}
