//! Visual order for right-to-left words inside a left-to-right letter.
//!
//! A PDF draws glyphs left to right in the order given. Hebrew or Arabic stored in logical
//! order (first letter first) would come out mirrored, so each wrapped line is reordered before
//! it is drawn: a run from a right-to-left letter to the last right-to-left letter before any
//! left-to-right one (spaces and punctuation in between included) is reversed, keeping digit
//! sequences and letters with their combining marks as they are, and mirroring brackets. This
//! is the Unicode bidi algorithm for the one case a letter in English, French or German meets:
//! left-to-right paragraphs with embedded right-to-left names and phrases. No explicit
//! embeddings, and no Arabic joining (letters print in their isolated forms).

/// The line in the order its glyphs are drawn, left to right.
pub(crate) fn visual_order(line: &str) -> String {
    if !line.chars().any(is_rtl) {
        return line.to_owned();
    }
    let clusters = clusters(line);
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < clusters.len() {
        if !is_rtl_cluster(clusters[i]) {
            out.push_str(clusters[i]);
            i += 1;
            continue;
        }
        // The run ends at the last right-to-left cluster before a left-to-right letter.
        let mut end = i;
        let mut j = i + 1;
        while j < clusters.len() && !is_ltr_cluster(clusters[j]) {
            if is_rtl_cluster(clusters[j]) {
                end = j;
            }
            j += 1;
        }
        push_reversed(&mut out, &clusters[i..=end]);
        i = end + 1;
    }
    out
}

/// Appends a right-to-left run in drawing order: clusters reversed, brackets mirrored, digit
/// sequences (with the separators inside them) kept left to right.
fn push_reversed(out: &mut String, run: &[&str]) {
    let mut segments: Vec<String> = Vec::new();
    let mut k = 0;
    while k < run.len() {
        if starts_with_digit(run[k]) {
            let mut end = k + 1;
            while end < run.len()
                && (starts_with_digit(run[end])
                    || (matches!(run[end], "." | "," | ":" | "/")
                        && run.get(end + 1).is_some_and(|c| starts_with_digit(c))))
            {
                end += 1;
            }
            segments.push(run[k..end].concat());
            k = end;
        } else {
            segments.push(run[k].chars().map(mirror).collect());
            k += 1;
        }
    }
    for segment in segments.iter().rev() {
        out.push_str(segment);
    }
}

/// Splits text into base characters with their combining marks.
fn clusters(line: &str) -> Vec<&str> {
    let mut clusters = Vec::new();
    let mut start = 0;
    for (i, c) in line.char_indices().skip(1) {
        if !crate::layout::is_mark(c) {
            clusters.push(&line[start..i]);
            start = i;
        }
    }
    if start < line.len() {
        clusters.push(&line[start..]);
    }
    clusters
}

fn first(cluster: &str) -> char {
    cluster.chars().next().unwrap_or(' ')
}

fn starts_with_digit(cluster: &str) -> bool {
    first(cluster).is_numeric()
}

fn is_rtl_cluster(cluster: &str) -> bool {
    is_rtl(first(cluster))
}

fn is_ltr_cluster(cluster: &str) -> bool {
    let c = first(cluster);
    c.is_alphabetic() && !is_rtl(c)
}

/// Strong right-to-left letters: Hebrew, Arabic, Syriac, Thaana, NKo and the other scripts
/// of U+0590..U+08FF, their presentation forms, and the historic RTL scripts of plane 1.
/// Digits in these blocks (Arabic-Indic) are numbers, not letters.
fn is_rtl(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'
        | '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}')
        && !c.is_numeric()
        && !crate::layout::is_mark(c)
}

/// Brackets and quotes whose glyph is mirrored in right-to-left text.
fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn left_to_right_text_is_untouched() {
        assert_eq!(visual_order("Zoé Müller (Lyon) 42"), "Zoé Müller (Lyon) 42");
    }

    #[test]
    fn right_to_left_runs_are_reversed_in_place() {
        // Hebrew "shalom olam" inside English: the run is reversed, the rest stays.
        assert_eq!(visual_order("to שלום עולם now"), "to םלוע םולש now");
        // Trailing punctuation next to the end of the line keeps the paragraph's direction.
        assert_eq!(visual_order("אב גד."), "דג בא.");
        // Brackets mirror, digit sequences keep their order.
        assert_eq!(visual_order("אב (12.5) גד"), "דג (12.5) בא");
    }

    #[test]
    fn marks_stay_after_their_letter() {
        // Hebrew bet + dagesh, then alef: reversed by cluster.
        assert_eq!(visual_order("ב\u{5BC}א"), "אב\u{5BC}");
    }
}
