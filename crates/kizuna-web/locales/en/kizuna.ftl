# Kizuna's interface in English. Keys are shared with ../ja/kizuna.ftl (a test checks both
# have the same keys, and that every key a template uses exists).

site-tagline = The record of international digital partnerships
skip-to-content = Skip to main content
search = Search
language = Language
footer-citations = Every statement here cites the paragraph of the document it comes from.
footer-api = Open data: the JSON API and its OpenAPI description
breadcrumb = Breadcrumb

partnerships-title = Partnerships
partnerships-empty = No partnership is stored yet. Load the shipped dataset with:

commitments-count = { $count ->
    [one] 1 commitment
   *[other] { $count } commitments
}
summary-caption = Commitments by status, as of the record's date
status-delivered = Delivered
status-ongoing = Ongoing
status-in-progress = In progress
status-stalled = Stalled
status-no-evidence = No evidence
status-superseded = Superseded
status-dropped = Dropped
overdue = Overdue
active = In progress or ongoing
latest-meeting = Latest meeting
sections = Sections
areas = Areas
documents = Documents
governance-link = Governance and meetings
organisations = Organisations
all-commitments = All commitments
areas-caption = Commitments by pillar, area and status, as of the record's date
areas-under-no-pillar = Under no pillar
pillar = Pillar
pillar-follows-area = (follows its area)
documents-caption = The partnership's documents, oldest first
col-area = Area
col-commitments = Commitments
col-date = Date
col-document = Document
col-kind = Kind
col-count = Number
undated = undated
recent-changes = Recent changes
no-changes = Nothing has changed yet.

commitments-title = Commitments
filters = Filter and sort
filter-status = Status
filter-any = any
filter-area = Area
filter-kind = Kind
filter-overdue = Overdue
filter-overdue-only = overdue only
filter-not-overdue = not overdue
filter-words = Words in the text
sort-by = Sort by
sort-document = document order
sort-due = due date
sort-status = status
sort-area = area
sort-strength = strength
order = Order
order-asc = ascending
order-desc = descending
apply = Apply
list-caption = { $count ->
    [one] One commitment matches, shown with its status today and the latest evidence
   *[other] { $count } commitments match, shown with their status today and the latest evidence
}
col-commitment = Commitment
col-status = Status
col-latest-evidence = Latest evidence
none = none
due = due { $name }
pages = Pages
previous = Previous page
next = Next page
page-n = Page { $count }
pages-total = of { $count }

commitment = Commitment
source = Source
status-today = Status today
ogp-completion = OGP completion
g7-score = G7 score
status-over-time = Status over time
col-from = From
facts-kind = Kind
facts-strength = Strength
facts-due = Due
facts-actors = Actors
no-due = no date given
not-named = not named
evidence = Evidence
no-evidence-text = No later statement reports on this commitment.
event = event
versions-caption = The same commitment in each document that states it (a translation or a restatement), each with its citation
language-en = English
language-ja = Japanese
related = Related commitments
no-related = No other commitment is close to this one.
relation-delivered = delivered
relation-progress = progress
relation-reaffirmed = reaffirmed
kind-one-off = one-off
kind-continuing = continuing
kind-aim = aim
kind-context = context (binds nobody)
kind-governance = governance
strength-firm = firm
strength-soft = soft
ogp-not-started = Not started
ogp-limited = Limited
ogp-substantial = Substantial
ogp-complete = Complete
ogp-withdrawn = Withdrawn

commitments-highlighted = { $count ->
    [one] 1 commitment
   *[other] { $count } commitments
}
evidence-highlighted = { $count ->
    [one] 1 evidence statement
   *[other] { $count } evidence statements
}
highlight-legend = Commitments are underlined and link to their page; evidence is shaded and links to the commitment it reports on.
original = original
link-to-paragraph = Link to this paragraph

governance-title = Governance
level = { $name } level
cadence = cadence: { $name }
cadence-annual = annual
cadence-kept = Cadence kept
cadence-kept-text = Every meeting followed the last within the year, and the latest is recent (as of { $name }).
cadence-broken = Cadence broken
cadence-broken-text = A year or more passed without a meeting (as of { $name }).
no-meetings = No meeting is recorded.
meetings-of = Meetings of the { $name }
col-meeting = Meeting
col-documents = Documents
days-after = { $count } days after the previous
meetings-missing = { $count ->
    [one] The record holds no document of the first meeting of this body; it begins with the second.
   *[other] The record holds no document of the first { $count } meetings of this body.
}

organisations-title = Organisations
organisations-of = Organisations of { $name }, with their history
col-organisation = Organisation
col-aliases = Also known as
col-history = History
from = from { $name }
until = until { $name }
succeeded-by = succeeded by
its-commitments = Its commitments
other-organisations = Other organisations

site-search = Site search
search-the-record = Search the record
search-title = Search
search-words = Words to find (English or Japanese)
search-in = Look in
search-everything = everything
search-commitments = commitments
search-evidence = evidence
search-documents = document passages
search-from = From date
search-to = To date
search-date-hint = YYYY-MM-DD
search-nothing = Nothing matches these words.
search-results = { $count ->
    [one] 1 result
   *[other] { $count } results
}
hit-commitment = commitment
hit-evidence = evidence
hit-passage = document passage

error-400 = Bad request
error-404 = Not found
error-500 = Something went wrong
back-to-start = Back to the start

area-data-infrastructure = Data infrastructure
area-semiconductors = Semiconductors
area-telecoms = Telecoms
area-cyber = Cyber security
area-ai = AI
area-online-safety = Online safety
area-digital-markets = Digital markets
area-standards = Standards
area-internet-governance = Internet governance
area-digital-identity = Digital identity
area-digital-inclusion = Digital inclusion
area-digital-government = Digital government
area-data = Data
area-multilateral = Multilateral cooperation
area-governance = Governance of the partnership
area-general = General

document-framework = framework
document-joint-statement = joint statement
document-press-release = press release
document-progress-report = progress report
document-readout = readout
level-ministerial = ministerial
level-director-general = director-general
level-senior-official = senior official
level-senior-officials = senior officials
format-online = online
format-videoconference = videoconference
format-in-person = in person

## Progress reports and feeds (kizuna-report lays them out; these are its words)
report-title = Progress report
report-as-of = As of
report-for-meeting = Prepared for
report-since = Covering the period since
report-since-start = Covering the period since the partnership began
report-basis = Drafted from the public record as it stood on the date above: documents, evidence and decisions dated later are not used.
report-summary = Summary
report-chart-status = Commitments by status and area
report-chart-evidence = Evidence over time, by quarter
report-by-area = Commitments by area
report-col-area = Area
report-col-commitment = Commitment
report-col-status = Status
report-col-due = Due
report-col-count = Items
report-col-evidence = Evidence since the previous meeting
report-new = New commitments since the previous meeting
report-overdue = Overdue
report-never = Commitments with no evidence since they were made (besides those overdue or new)
report-none = None.
report-total = Total
report-overdue-tag = overdue
report-new-tag = new
report-reviewed = Reviewed by a person (the others: machine reading)
report-verdict = Verdict
report-verdict-both = both sides
report-source = Source
report-executive-summary = Executive summary
report-col-now = Now
report-col-then = At the previous meeting
report-col-change = Change
report-movements = Main movements since the previous meeting
report-col-latest = Latest evidence
report-annex = Annex: the commitments in full, with the evidence since the previous meeting
report-no-movements = No commitment changed status since the previous meeting.
report-contents = Contents
report-feed-title = changes
report-feed-document = New document
report-feed-evidence = New evidence
report-feed-status = Status changed
report-choose = Choose the date of the report
report-show = Show
report-download = Download this report
report-docx = Word (DOCX)
report-markdown = Markdown

# Restricted records and people's assessments (shown to the roles that may see them)
restricted = Restricted
restricted-note = Shown only to people whose role may see restricted records; not in public pages, feeds, reports or exports.
assessed = assessed
assessed-on = Assessed on { $name }
side-statuses-caption = Each side's part, as a person last assessed it
col-side = Side
col-rationale = Reason

## Accounts, review and audit
account-nav = Your account
role-admin = administrator
role-editor = editor
role-reviewer = reviewer
role-viewer = viewer
role = Role
review-queue = Review queue
audit-log = Audit log
sign-in = Sign in
sign-out = Sign out
user-name = User name
display-name = Name
password = Password
sign-in-help = Accounts are created by an administrator (kizuna user add).
sign-in-failed = The user name or password is not right.
sign-in-throttled = Too many failed attempts. Try again in { $count } minutes.
edit-commitment = Keep this record
edit = Edit
version = version
handling = Handling
handling-public = public
handling-restricted = restricted
handling-of-commitment = This commitment is
handling-of-document = Its whole document is
save-handling = Save
follow = Follow
unfollow = Stop following
set-status = Set the status
side = Side
side-both = Both sides
made-on = Holds from
rationale = Rationale
record-evidence = Record evidence
merge-commitment = The same commitment as another
merge-commitment-help = When this item only restates another (a press release repeating the framework), make it a second citation of that one: it is listed and counted once, and evidence on either counts for both.
merge-into = Restates
merge-button = Make it a second citation
merged-into = A second citation of
separate-button = List it on its own again
add-commitment = Add as a commitment
add-commitment-help = An undertaking the reading missed: keep in the box only its own words, as they stand in this paragraph (the record checks them and cites the paragraph).
add-commitment-text = The undertaking, word for word
link-passage = Link a passage of a later document
link-passage-help = Choose the paragraph that reports on this commitment: it is recorded as evidence with its words, its document's date and a citation to the paragraph.
passage = Passage
no-later-passages = No later document holds a paragraph to link.
link-passage-button = Link as evidence
from-passage = From { $document }, { $anchor }
evidence-text = What happened
evidence-date = When
evidence-source = Source (web address)
relation = Relation
recorded-evidence = Recorded by hand
linked-evidence = Linked evidence
decision = Decision
decision-accepted = accept
decision-rejected = reject
relink-to = or move to commitment
decide = Decide
notes = Notes
note = Note
add-note = Add the note
audit-trail = Changes to this record
col-when = When
col-who = Who
col-what = What
col-details = Details
partnership = Partnership
min-score = Lowest score
show = Show
proposals-waiting = { $count ->
    [one] One proposed link waits for a decision.
   *[other] { $count } proposed links wait for a decision.
}
all-areas = All areas
bulk-accept-area = Only proposals for commitments in { $name }.
bulk-accept-from = Accept every proposal scoring at least
bulk-accept = Accept all
score = score
your-account = Your account
digest = Changes to what you follow
digest-empty = Nothing you follow has changed since you last read this.
digest-mark-read = Mark all as read
digest-as-mail = This digest as an e-mail message
following = What you follow
following-none = You follow nothing yet: use “Follow” on a commitment's edit page or an area.
audit-chain-intact = The audit chain is intact: { $count } events checked.
audit-chain-broken = The audit chain is broken:
audit-entity = Record
audit-events-total = { $count } events in all
people = People
user-disabled = disabled
user-active = active
people-cli = People are added, given new passwords and disabled with kizuna user on the command line.
upload-document = Add a document
upload-disabled = This server does not analyse uploaded documents.
upload-help = Text, Markdown, HTML or PDF with a text layer, up to { $count } MB. It is analysed with the partnership's earlier documents.
upload-file = File
upload-title = Title
upload-date = Date (or period)
upload-kind = Kind of document
error-401 = Sign in first
error-403 = Not allowed
error-409 = Changed meanwhile
error-413 = Too large
error-429 = Too many attempts
recorded-by = Recorded by hand by { $name }
download-csv = Download every commitment as CSV (open data)
download-datapackage = its description (datapackage.json)
record-current-to = Record current to { $date } ({ $months ->
    [0] this month
    [one] 1 month ago
   *[other] { $months } months ago
}). Figures are as of that date.
no-reports-since = No reports since { $date } ({ $months } months ago): each commitment keeps the status the last report gave it.
record-undated = No dated document yet.
reviewed-share = Reviewed by a person: { $part } of { $whole } commitments. The other statuses are the engine's reading of the documents alone, marked “machine reading”.
machine-reading = machine reading
machine-reading-title = The engine's reading of the documents: no person has reviewed this commitment yet.
set-apart-count = { $count ->
    [one] 1 item that reads like an undertaking but binds nobody (an aim, a quotation, one side's own plans, words about a document) is kept apart
   *[other] { $count } items that read like undertakings but bind nobody (aims, quotations, one side's own plans, words about a document) are kept apart
} and not counted.
how-we-decide = How statuses are decided
methodology-title = How the record is read and statuses are decided
methodology-lead = Every status on this site, in its reports, exports, feeds and API is decided by the same rules, written here. A person's assessment, with its reasons, always wins over them.
method-commitments-heading = Commitments
method-commitments = A commitment is an undertaking of the partnership's participants, found in its framework or a later joint statement: "will", "commit to", "agreed to", "decided to", "intend to", "expect to", an act in the passive ("will be reviewed", "is planned for"), or an item of a list such an undertaking introduces. Each is cited to its paragraph and sentence.
method-set-apart = Words that read like an undertaking but bind nobody are kept apart as aims or context and never counted: aims and objectives, a quoted person's hopes ("I look forward to…"), one side's account of its own domestic plans, and sentences about the partnership document itself.
method-evidence-heading = Evidence
method-evidence-later = Evidence is a statement in a document later than the commitment's own: launch material of the same day restates the framework and never proves progress on it.
method-evidence-dates = Evidence is dated by the event it reports when the sentence states that date and it is not before the commitment; a date that belongs to the background ("the memorandum signed in 2022") does not date the report, which then counts from its document's date. Dates keep the precision the text gives: a month, a quarter, a year.
method-links = The engine proposes the commitments each statement reports on, with a score. A link counts towards a status from a score of { $count } % (chosen on hand-labelled partnerships for precision); weaker links wait in the review queue until a reviewer accepts them. A general claim of progress that names no event ("significant progress has been made on telecoms") counts for its two closest commitments only. Reviewers can reject, move or add any link.
method-delivered = A statement delivers a one-off commitment only when it reports something of the same kind on the same topic (a semiconductor roundtable delivers a semiconductor workshop; a summit on AI does not deliver a commitment about an Internet forum). Reporting what was held, launched, signed or joined is progress; reaffirming, welcoming or "continuing to" is a restatement, which never counts as progress.
method-statuses-heading = Statuses
method-statuses-caption = The status of a commitment on a date uses only evidence dated by then and assessments made by then.
method-when = When
method-status-delivered = A one-off commitment has evidence that delivers it.
method-status-ongoing = A continuing commitment has progress reported within { $count } months of the partnership's latest report.
method-status-in-progress = A one-off commitment has progress reported within { $count } months of the latest report, and is not yet delivered.
method-status-stalled = Progress was reported once, but the partnership went on reporting for { $count } months and said nothing more of it.
method-status-no-evidence = Nothing but restatements, or nothing at all.
method-status-superseded = Only by a person's assessment, with its reasons: another commitment took its place.
method-status-dropped = Only by a person's assessment, with its reasons: the participants stopped pursuing it.
method-overdue = A one-off commitment whose deadline has passed and that is not delivered. Shown beside its status.
method-due = Only a one-off deliverable has a due date, and only from wording that sets a deadline ("in the first quarter of 2024", "by 2025", "in early 2024"). A reference is not a deadline ("the study period commencing 2023", "this year's Digital Strategy"), and continuing commitments are never overdue.
method-time-heading = Time
method-currency = Figures are given as of the date the record is current to: its latest document's, which every page states. When a partnership has published nothing for { $count } months it is shown as sending no reports since then, and its commitments keep the status the last report gave them rather than each turning "stalled".
method-history = A commitment's status history lists the days its status changed (evidence, an assessment, a report after which its progress was too old, the day after a deadline passed), and nothing else.
method-people = People who keep the record can correct any of this: accept or reject proposed links, record evidence, and set a status with a written rationale, which then overrides the rules from the day it was made.
method-machine = A commitment no person has yet reviewed (no link decided, no evidence recorded, no status set, nothing corrected) shows the engine's reading alone, marked “machine reading”; each partnership's page says how many of its commitments people have reviewed. Reports mark them too, as reviewed by the report's day, and open data has a `reviewed` column.
set-apart-listed = Aims and context (words that bind nobody) are listed apart:
report-current-to = Record current to (latest document)
report-set-apart = Items kept apart as aims or context (binding nobody), not counted
correct-commitment = Correct what was read
not-a-commitment = Not a commitment
not-a-commitment-reason = Why it binds nobody (kept in the record, left out of lists and counts)
set-aside-because = Marked not a commitment:
restore-commitment = Undo corrections
correct-due = Due (a year, half, quarter or month: 2025, 2025-H1, 2025-Q2, 2025-06; "none" for no due date)
correct-strength = How firmly it binds
correct-actors = Who it binds (comma-separated; the first named leads; empty for nobody named)
save-correction = Save correction
split-commitment = Split into the undertakings it holds
split-parts = One undertaking a line, word for word from the text above; each becomes a commitment citing the same passage, and this item is set aside
save-split = Split
publications = Publications
progress-report = Progress report
atom-feed = Changes as an Atom feed
meetings-calendar = Meetings calendar (iCalendar)
open-data = Open data
methodology-link = How statuses are decided

api-tokens = API tokens
api-tokens-help = A personal API token lets a script read the record as you (restricted records included when your role may see them) and, with a write token, make the changes your role may make. Send it as “Authorization: Bearer TOKEN”. Only a fingerprint of it is kept: it is shown once, when you make it.
api-tokens-none = You have no API tokens.
token-name = Name
token-scope = Scope
token-scope-read = Read
token-scope-write = Read and write
token-created = Made
token-expires = Expires
token-last-used = Last used
token-never-used = Never
token-state = State
token-state-live = Works
token-state-expired = Expired
token-state-revoked = Revoked
token-lifetime = Expires after
token-days = { $count } days
token-create = Make a token
token-revoke = Revoke “{ $name }”
token-made = Your new token “{ $name }”
token-shown-once = Copy it now: it is not shown again, and nobody can see it later, not even an administrator. If you lose it, revoke it and make another.
orphans = Decisions to place again
orphans-intro = The documents were read again by a newer engine. Each decision below was made about words that the new reading no longer holds as one passage, so it could not be carried over by itself. It is kept here, whole, until a reviewer puts it on the commitment it now belongs to or dismisses it with a reason.
orphans-waiting = { $count ->
    [one] One decision waits to be placed again.
   *[other] { $count } decisions wait to be placed again.
}
orphans-show-all = Show the resolved ones too
orphans-open-only = Show only those waiting
orphan-was-about = It was made about
orphan-decision = The decision
orphan-resolved = Resolved
orphan-attach-to = Put it on commitment
orphan-attach = Place it
orphan-dismiss = Dismiss
orphan-link_decision = Link decision
orphan-assessment = Status assessment
orphan-recorded_evidence = Evidence recorded by hand
orphan-note = Note
orphan-correction = Correction
orphan-follow = Follow
orphan-merge = Merge
orphan-separation = Separation
