//! Governance and organisations: the bodies with their cadence and meetings (and whether an
//! annual body kept its cadence), and each side's organisations with their renames.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Html;

use kizuna_store::{BodyRow, DocumentRow, OrganisationRow, PartnershipRow, SideRow};
use time::Date;

use crate::views::day_of;
use crate::{AppState, WebError};

/// A gap of more than this many days between meetings breaks an annual cadence.
const ANNUAL_GAP_DAYS: i64 = 15 * 31;

struct MeetingItem {
    date: String,
    title: String,
    format: Option<String>,
    documents: Vec<DocumentRow>,
    /// Days since the previous meeting of the body, when both are dated.
    gap_days: Option<i64>,
}

struct BodyItem {
    body: BodyRow,
    meetings: Vec<MeetingItem>,
    /// For an annual body: whether every gap, and the time since the last meeting, is within
    /// the cadence.
    cadence_kept: Option<bool>,
}

#[derive(Template)]
#[template(path = "governance.html")]
struct GovernancePage {
    partnership: PartnershipRow,
    bodies: Vec<BodyItem>,
    today: String,
}

pub async fn governance(
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> Result<Html<String>, WebError> {
    let partnership =
        app.store.partnership(&id).await?.ok_or_else(|| WebError::NotFound(format!("partnership `{id}`")))?;
    let bodies = app.store.bodies(&id).await?;
    let meetings = app.store.meetings(&id).await?;
    let documents = app.store.documents(&id, false).await?;
    let today = app.clock.today();
    let items = bodies
        .into_iter()
        .map(|body| {
            let mut previous: Option<Date> = None;
            let meetings: Vec<MeetingItem> = meetings
                .iter()
                .filter(|m| m.body_id == body.id)
                .map(|m| {
                    let date = day_of(m.date.as_deref());
                    let gap_days = date.zip(previous).map(|(d, p)| (d - p).whole_days());
                    previous = date.or(previous);
                    MeetingItem {
                        date: m.date.clone().unwrap_or_else(|| "undated".into()),
                        title: m.title.clone().unwrap_or_else(|| body.name.clone()),
                        format: m.format.clone(),
                        documents: documents
                            .iter()
                            .filter(|d| d.meeting_id.as_deref() == Some(m.id.as_str()))
                            .cloned()
                            .collect(),
                        gap_days,
                    }
                })
                .collect();
            let annual = body.cadence.as_deref() == Some("annual");
            let cadence_kept = (annual && previous.is_some()).then(|| {
                meetings.iter().all(|m| m.gap_days.is_none_or(|g| g <= ANNUAL_GAP_DAYS))
                    && previous.is_some_and(|last| (today - last).whole_days() <= ANNUAL_GAP_DAYS)
            });
            BodyItem { body, meetings, cadence_kept }
        })
        .collect();
    Ok(Html(GovernancePage { partnership, bodies: items, today: today.to_string() }.render()?))
}

struct SideItem {
    side: SideRow,
    organisations: Vec<OrganisationRow>,
}

#[derive(Template)]
#[template(path = "organisations.html")]
struct OrganisationsPage {
    partnership: PartnershipRow,
    sides: Vec<SideItem>,
    others: Vec<OrganisationRow>,
    all: Vec<OrganisationRow>,
}

impl OrganisationsPage {
    /// The name of the organisation that succeeded `id`.
    fn successor(&self, id: &str) -> String {
        self.all.iter().find(|o| o.id == id).map_or_else(|| id.to_owned(), |o| o.name.clone())
    }
}

pub async fn organisations(
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> Result<Html<String>, WebError> {
    let partnership =
        app.store.partnership(&id).await?.ok_or_else(|| WebError::NotFound(format!("partnership `{id}`")))?;
    let all = app.store.organisations(&id).await?;
    let sides: Vec<SideItem> = app
        .store
        .sides(&id)
        .await?
        .into_iter()
        .map(|side| {
            let organisations =
                all.iter().filter(|o| o.side_id.as_deref() == Some(side.id.as_str())).cloned().collect();
            SideItem { side, organisations }
        })
        .collect();
    let others = all
        .iter()
        .filter(|o| !sides.iter().any(|s| o.side_id.as_deref() == Some(s.side.id.as_str())))
        .cloned()
        .collect();
    Ok(Html(OrganisationsPage { partnership, sides, others, all }.render()?))
}
