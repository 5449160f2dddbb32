//! Lists of commitments filtered, sorted and paged by the query string, the same for pages and
//! the API: `?area=semiconductors&status=delivered&sort=due&order=desc&page=2&per_page=20`.
//! A parameter that is not understood is refused by name, never ignored.

use serde::Serialize;

use crate::WebError;
use crate::views::CommitmentView;

pub const DEFAULT_PER_PAGE: usize = 50;
pub const MAX_PER_PAGE: usize = 500;
const MAX_TEXT: usize = 256;

pub const STATUSES: [&str; 7] =
    ["delivered", "ongoing", "in-progress", "stalled", "no-evidence", "superseded", "dropped"];
/// The statuses offered in filter forms (the other two only come from human assessments).
pub const COMMON_STATUSES: [&str; 5] = ["delivered", "ongoing", "in-progress", "stalled", "no-evidence"];
pub const SORTS: [&str; 5] = ["document", "due", "status", "area", "strength"];

/// What a visitor asked of a list of commitments.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CommitmentFilter {
    pub area: Option<String>,
    /// A pillar of the framework (`pillars.id`).
    pub pillar: Option<String>,
    /// An organisation among its actors, as commitments name it (acronym, else name).
    pub actor: Option<String>,
    pub status: Option<String>,
    pub kind: Option<String>,
    pub document: Option<String>,
    pub overdue: Option<bool>,
    /// Words the commitment's text must contain (case-insensitive).
    pub q: Option<String>,
    pub sort: String,
    pub descending: bool,
    pub page: usize,
    pub per_page: usize,
}

/// A page of a filtered list.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct CommitmentPage {
    /// How many commitments match the filter.
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub pages: usize,
    pub commitments: Vec<CommitmentView>,
}

/// The query string's `key=value` pairs, decoded, in order. Reading them never fails; what
/// they mean is checked by whoever reads them, naming the parameter at fault.
pub struct Pairs(pub Vec<(String, String)>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Pairs {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or("");
        Ok(Pairs(form_urlencoded::parse(query.as_bytes()).into_owned().collect()))
    }
}

fn bad(name: &str, problem: impl std::fmt::Display) -> WebError {
    WebError::BadRequest(format!("query parameter `{name}`: {problem}"))
}

fn number(name: &str, value: &str, min: usize, max: usize) -> Result<usize, WebError> {
    match value.parse::<usize>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(bad(name, format!("must be a whole number from {min} to {max}, not `{value}`"))),
    }
}

fn one_of(name: &str, value: &str, allowed: &[&str]) -> Result<String, WebError> {
    if allowed.contains(&value) {
        Ok(value.to_owned())
    } else {
        Err(bad(name, format!("must be one of {}, not `{value}`", allowed.join(", "))))
    }
}

fn text(name: &str, value: &str) -> Result<Option<String>, WebError> {
    if value.chars().count() > MAX_TEXT {
        return Err(bad(name, format!("is longer than {MAX_TEXT} characters")));
    }
    Ok(Some(value.trim().to_owned()).filter(|v| !v.is_empty()))
}

impl CommitmentFilter {
    /// Reads the query string's pairs.
    pub fn parse(pairs: &[(String, String)]) -> Result<CommitmentFilter, WebError> {
        let mut f = CommitmentFilter {
            sort: "document".into(),
            page: 1,
            per_page: DEFAULT_PER_PAGE,
            ..Default::default()
        };
        for (name, value) in pairs {
            if value.is_empty() {
                continue;
            }
            match name.as_str() {
                "area" => f.area = text(name, value)?,
                "pillar" => f.pillar = text(name, value)?,
                "actor" => f.actor = text(name, value)?,
                "status" => f.status = Some(one_of(name, value, &STATUSES)?),
                "kind" => {
                    f.kind =
                        Some(one_of(name, value, &["one-off", "continuing", "aim", "governance", "context"])?)
                }
                "document" => f.document = text(name, value)?,
                "overdue" => {
                    f.overdue = Some(match value.as_str() {
                        "true" | "yes" | "1" => true,
                        "false" | "no" | "0" => false,
                        _ => return Err(bad(name, format!("must be true or false, not `{value}`"))),
                    })
                }
                "q" => f.q = text(name, value)?,
                "sort" => f.sort = one_of(name, value, &SORTS)?,
                "order" => f.descending = one_of(name, value, &["asc", "desc"])? == "desc",
                "page" => f.page = number(name, value, 1, 1_000_000)?,
                "per_page" => f.per_page = number(name, value, 1, MAX_PER_PAGE)?,
                _ => {
                    return Err(bad(
                        name,
                        "is not known here (known: area, pillar, actor, status, kind, document, overdue, q, sort, order, page, per_page)",
                    ));
                }
            }
        }
        Ok(f)
    }

    fn keeps(&self, v: &CommitmentView, q: Option<&str>) -> bool {
        self.area.as_ref().is_none_or(|a| *a == v.row.area)
            && self.pillar.as_ref().is_none_or(|p| Some(p.as_str()) == v.row.pillar.as_deref())
            && self.actor.as_ref().is_none_or(|a| v.row.actors.iter().any(|x| x.eq_ignore_ascii_case(a)))
            && self.status.as_ref().is_none_or(|s| s == v.status.status.as_str())
            // Aims and context are listed only when asked for by kind: they are no undertakings.
            && self.kind.as_ref().map_or(!v.kind().set_apart(), |k| *k == v.row.kind)
            && self.document.as_ref().is_none_or(|d| *d == v.row.document_id)
            && self.overdue.is_none_or(|o| o == v.status.overdue)
            && q.is_none_or(|q| v.row.text.to_lowercase().contains(q))
    }

    /// The page of `views` this filter asks for.
    pub fn apply(&self, views: &[CommitmentView]) -> CommitmentPage {
        let q = self.q.as_ref().map(|q| q.to_lowercase());
        let mut kept: Vec<&CommitmentView> = views.iter().filter(|v| self.keeps(v, q.as_deref())).collect();
        // Document order is the order of the input; every other sort keeps it among equals.
        match self.sort.as_str() {
            "due" => kept.sort_by(|a, b| {
                // Undated last, whichever the direction.
                let key = |v: &CommitmentView| v.row.due_end.clone().or(v.row.due.clone());
                match (key(a), key(b)) {
                    (Some(x), Some(y)) => x.cmp(&y),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                }
            }),
            "status" => kept.sort_by_key(|v| STATUSES.iter().position(|s| *s == v.status.status.as_str())),
            "area" => kept.sort_by(|a, b| a.row.area.cmp(&b.row.area)),
            "strength" => kept.sort_by(|a, b| a.row.strength.cmp(&b.row.strength)),
            _ => {}
        }
        if self.descending {
            kept.reverse();
        }
        let total = kept.len();
        let pages = total.div_ceil(self.per_page).max(1);
        let commitments =
            kept.into_iter().skip((self.page - 1) * self.per_page).take(self.per_page).cloned().collect();
        CommitmentPage { total, page: self.page, per_page: self.per_page, pages, commitments }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(q: &str) -> Vec<(String, String)> {
        form_urlencoded::parse(q.as_bytes()).into_owned().collect()
    }

    #[test]
    fn parameters_are_read_and_checked_by_name() {
        let f = CommitmentFilter::parse(&pairs(
            "status=delivered&sort=due&order=desc&page=2&per_page=10&q=+RAN+",
        ))
        .unwrap();
        assert_eq!(f.status.as_deref(), Some("delivered"));
        assert_eq!((f.sort.as_str(), f.descending, f.page, f.per_page), ("due", true, 2, 10));
        assert_eq!(f.q.as_deref(), Some("RAN"));
        for (query, name) in [
            ("status=finished", "`status`"),
            ("page=0", "`page`"),
            ("per_page=100000", "`per_page`"),
            ("overdue=maybe", "`overdue`"),
            ("colour=red", "`colour`"),
            ("sort=random", "`sort`"),
        ] {
            let e = CommitmentFilter::parse(&pairs(query)).unwrap_err().to_string();
            assert!(e.contains(name), "{query}: {e}");
        }
        assert!(CommitmentFilter::parse(&pairs(&format!("q={}", "x".repeat(300)))).is_err());
        assert_eq!(CommitmentFilter::parse(&pairs("status=&area=")).unwrap().status, None);
        assert_eq!(CommitmentFilter::parse(&pairs("pillar=data")).unwrap().pillar.as_deref(), Some("data"));
    }
}
