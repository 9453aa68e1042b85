//! One-line docs from the spec's descriptions.

/// The first sentence of `description`, on one line, with links reduced to their text.
pub fn line(description: Option<&str>, fallback: &str) -> String {
    let Some(text) = description.map(str::trim).filter(|t| !t.is_empty()) else {
        return fallback.to_string();
    };
    let paragraph = text.split("\n\n").next().unwrap_or(text);
    let flat = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
    let unlinked = strip_links(&flat);
    let sentence = first_sentence(&unlinked);
    let mut out = sentence.trim().replace("<br>", " ");
    if !out.ends_with(['.', '!', '?', ':']) {
        out.push('.');
    }
    let mut chars = out.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => fallback.to_string(),
    }
}

/// [`line`] of a description written in HTML (the spec's operations): tags removed.
pub fn html_line(description: Option<&str>, fallback: &str) -> String {
    let text = description.map(|html| {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    });
    line(text.as_deref(), fallback)
}

/// `[text](url)` → `text`.
fn strip_links(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let link = after.find("](").and_then(|close| {
            after[close + 2..]
                .find(')')
                .map(|end| (close, close + 2 + end))
        });
        match link {
            Some((close, end)) if !after[..close].contains('[') => {
                out.push_str(&rest[..open]);
                out.push_str(&after[..close]);
                rest = &after[end + 1..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Text up to the first `. ` that ends a sentence (not `e.g. `, `i.e. `).
fn first_sentence(text: &str) -> &str {
    let mut from = 0;
    while let Some(at) = text[from..].find(". ") {
        let end = from + at + 1;
        let before = &text[..end];
        let abbreviation = ["e.g.", "i.e.", "etc.", "vs.", "approx."]
            .iter()
            .any(|a| before.ends_with(a));
        if !abbreviation {
            return before;
        }
        from = end;
    }
    text
}
