//! Governance and organisations: the bodies with their cadence and meetings (and whether an
//! annual body kept its cadence), and each side's organisations with their renames.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, Response};
use kizuna_store::{BodyRow, DocumentRow, OrganisationRow, PartnershipRow, SideRow};
use serde::Serialize;
use time::Date;
use utoipa::ToSchema;

use crate::i18n::Ui;
use crate::pages::{Page, partnership_row};
use crate::views::day_of;
use crate::{AppState, Audience, WebError};

/// A gap of more than this many days between meetings breaks an annual cadence.
const ANNUAL_GAP_DAYS: i64 = 15 * 31;

#[derive(Clone, Serialize, ToSchema)]
pub struct MeetingItem {
    pub id: String,
    pub date: Option<String>,
    pub title: String,
    /// Its title in Japanese (the manifest's, else the body's Japanese name when it has no
    /// title of its own).
    pub title_ja: Option<String>,
    pub format: Option<String>,
    /// The documents the meeting issued.
    pub documents: Vec<DocumentRow>,
    /// Days since the previous meeting of the body, when both are dated.
    pub gap_days: Option<i64>,
}

#[derive(Clone, Serialize, ToSchema)]
pub struct BodyItem {
    pub body: BodyRow,
    pub meetings: Vec<MeetingItem>,
    /// For an annual body: whether every gap, and the time since the last meeting, is within
    /// the cadence.
    pub cadence_kept: Option<bool>,
    /// How many of the body's meetings before the first the record holds are missing from it
    /// (its first recorded meeting is titled the third: two), when its title numbers it.
    pub earlier_missing: u32,
}

/// The partnership's bodies, their meetings and whether they kept their cadence.
#[derive(Serialize, ToSchema)]
pub struct GovernanceData {
    pub partnership: PartnershipRow,
    /// The day cadences were judged on.
    pub today: String,
    pub bodies: Vec<BodyItem>,
}

#[derive(Template)]
#[template(path = "governance.html")]
struct GovernancePage {
    ui: Ui,
    d: GovernanceData,
}

pub async fn governance(
    State(app): State<AppState>,
    ui: Ui,
    audience: Audience,
    Path(id): Path<String>,
) -> Response {
    audience.seal(governance_page(&app, ui, audience, &id).await)
}

async fn governance_page(app: &AppState, ui: Ui, audience: Audience, id: &str) -> Page {
    let d = governance_data(app, audience, id).await?;
    Ok(Html(GovernancePage { ui, d }.render()?))
}

/// The meetings list the documents each issued: those `audience` may see.
pub async fn governance_data(
    app: &AppState,
    audience: Audience,
    id: &str,
) -> Result<GovernanceData, WebError> {
    let partnership = partnership_row(app, id).await?;
    let bodies = app.store.bodies(id).await?;
    let meetings = app.store.meetings(id).await?;
    let documents = app.store.documents(id, audience.include_restricted()).await?;
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
                        id: m.id.clone(),
                        date: m.date.clone(),
                        title: m.title.clone().unwrap_or_else(|| body.name.clone()),
                        title_ja: kizuna_core::meeting_title_ja(
                            m.title.as_deref(),
                            m.title_ja.as_deref(),
                            body.name_ja.as_deref(),
                        ),
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
            let earlier_missing = meetings
                .first()
                .and_then(|m| kizuna_core::meeting_number(&m.title))
                .map_or(0, |n| n.saturating_sub(1));
            BodyItem { body, meetings, cadence_kept, earlier_missing }
        })
        .collect();
    Ok(GovernanceData { partnership, today: today.to_string(), bodies: items })
}

#[derive(Clone, Serialize, ToSchema)]
pub struct SideItem {
    pub side: SideRow,
    pub organisations: Vec<OrganisationRow>,
}

/// Each side's organisations with their renames and successors.
#[derive(Serialize, ToSchema)]
pub struct OrganisationsData {
    pub partnership: PartnershipRow,
    pub sides: Vec<SideItem>,
    /// Organisations of neither side (international bodies, for instance).
    pub others: Vec<OrganisationRow>,
}

impl OrganisationsData {
    /// The list of the commitments an organisation takes part in, by the name commitments give
    /// it (its acronym, else its name).
    fn commitments_query(&self, o: &OrganisationRow) -> String {
        let name = o.acronym.as_deref().unwrap_or(&o.name);
        form_urlencoded::Serializer::new(String::new()).append_pair("actor", name).finish()
    }

    /// The name of the organisation that succeeded `id`.
    fn successor(&self, id: &str) -> String {
        self.sides
            .iter()
            .flat_map(|s| &s.organisations)
            .chain(&self.others)
            .find(|o| o.id == id)
            .map_or_else(|| id.to_owned(), |o| o.name.clone())
    }
}

#[derive(Template)]
#[template(path = "organisations.html")]
struct OrganisationsPage {
    ui: Ui,
    d: OrganisationsData,
}

/// The same for every audience (organisations are not marked restricted); the page is sealed
/// like every page all the same, as it shows who is signed in.
pub async fn organisations(
    State(app): State<AppState>,
    ui: Ui,
    audience: Audience,
    Path(id): Path<String>,
) -> Response {
    audience.seal(organisations_page(&app, ui, &id).await)
}

async fn organisations_page(app: &AppState, ui: Ui, id: &str) -> Page {
    let d = organisations_data(app, id).await?;
    Ok(Html(OrganisationsPage { ui, d }.render()?))
}

pub async fn organisations_data(app: &AppState, id: &str) -> Result<OrganisationsData, WebError> {
    let partnership = partnership_row(app, id).await?;
    let all = app.store.organisations(id).await?;
    let sides: Vec<SideItem> = app
        .store
        .sides(id)
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
    Ok(OrganisationsData { partnership, sides, others })
}
