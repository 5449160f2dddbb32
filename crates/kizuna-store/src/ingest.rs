//! Writing a partnership into the store: its framework metadata, then each document in one
//! transaction of its own, so that a failure leaves earlier documents whole and later ones
//! absent — never half-written. A document already stored (same bytes) is left alone unless the
//! engine now reads it differently (`reanalysis`).

use kizuna_core::Manifest;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::audit::{Pending, append_audit, lock_audit_head};
use crate::{DocumentRecord, IngestReport, PartnershipRecord, Store, StoreError, on_pool};

/// Writes what the engine read of document `$d` (a `DocumentRecord`) — blocks, commitments,
/// evidence, link proposals and language pairings — in transaction `$tx`.
macro_rules! insert_reading {
    ($tx:ident, $d:expr) => {{
        for b in &$d.blocks {
            sqlx::query(
                "INSERT INTO blocks (document_id, position, kind, level, anchor, span_start, span_end)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(&$d.document.id)
            .bind(b.position)
            .bind(&b.kind)
            .bind(b.level)
            .bind(&b.anchor)
            .bind(b.span_start)
            .bind(b.span_end)
            .execute(&mut *$tx)
            .await?;
        }
        for c in &$d.commitments {
            sqlx::query(
                "INSERT INTO commitments (id, document_id, position, anchor, text, area, kind, strength, due,
                   due_end, lead_in, actors, span_start, span_end, handling, version)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(&c.id)
            .bind(&c.document_id)
            .bind(c.position)
            .bind(&c.anchor)
            .bind(&c.text)
            .bind(&c.area)
            .bind(&c.kind)
            .bind(&c.strength)
            .bind(&c.due)
            .bind(&c.due_end)
            .bind(&c.lead_in)
            .bind(serde_json::to_string(&c.actors.0).unwrap_or_else(|_| "[]".into()))
            .bind(c.span_start)
            .bind(c.span_end)
            .bind(&c.handling)
            .bind(c.version)
            .execute(&mut *$tx)
            .await?;
        }
        for e in &$d.evidence {
            sqlx::query(
                "INSERT INTO evidence (id, document_id, position, anchor, text, date, concrete, span_start,
                   span_end, handling, version)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(&e.id)
            .bind(&e.document_id)
            .bind(e.position)
            .bind(&e.anchor)
            .bind(&e.text)
            .bind(&e.date)
            .bind(e.concrete)
            .bind(e.span_start)
            .bind(e.span_end)
            .bind(&e.handling)
            .bind(e.version)
            .execute(&mut *$tx)
            .await?;
        }
        for l in &$d.links {
            sqlx::query(
                "INSERT INTO link_proposals (evidence_id, commitment_id, rank, score, relation)
                 VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (evidence_id, commitment_id) DO UPDATE SET rank = $3, score = $4, relation = $5",
            )
            .bind(&l.evidence_id)
            .bind(&l.commitment_id)
            .bind(l.rank)
            .bind(l.score)
            .bind(&l.relation)
            .execute(&mut *$tx)
            .await?;
        }
        for (original, translation) in &$d.alignments {
            sqlx::query(
                "INSERT INTO alignments (original_id, translation_id) VALUES ($1, $2)
                 ON CONFLICT (original_id, translation_id) DO NOTHING",
            )
            .bind(original)
            .bind(translation)
            .execute(&mut *$tx)
            .await?;
        }
    }};
}
pub(crate) use insert_reading;

impl Store {
    /// Stores `record` on behalf of the command line. `now` stamps the change log.
    pub async fn ingest(
        &self,
        record: &PartnershipRecord,
        now: OffsetDateTime,
    ) -> Result<IngestReport, StoreError> {
        self.ingest_as(record, now, "cli").await
    }

    /// Stores `record` on behalf of `actor`, with an audit event for each document added.
    pub async fn ingest_as(
        &self,
        record: &PartnershipRecord,
        now: OffsetDateTime,
        actor: &str,
    ) -> Result<IngestReport, StoreError> {
        let at = now.format(&Rfc3339).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        self.store_manifest(&record.manifest).await?;
        // Documents stored before, read differently now (a newer engine): their rows are
        // replaced and people's decisions carried first, so that the new documents' links
        // find the commitments they name.
        let reread = self.reanalyse(record, now, actor).await?;
        let mut report = IngestReport { reread, ..IngestReport::default() };
        for document in &record.documents {
            if self.store_document(document, &at, actor).await? {
                report.documents_added += 1;
                report.commitments_added += document.commitments.len();
                report.evidence_added += document.evidence.len();
            } else {
                report.documents_unchanged += 1;
            }
        }
        Ok(report)
    }

    /// The partnership and its sides, organisations, bodies, meetings and pillars, as the manifest says
    /// now (one transaction).
    async fn store_manifest(&self, m: &Manifest) -> Result<(), StoreError> {
        let p = &m.partnership;
        let json = |v: &Vec<String>| serde_json::to_string(v).unwrap_or_else(|_| "[]".into());
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            sqlx::query(
                "INSERT INTO partnerships (id, name, name_ja, established) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (id) DO UPDATE SET name = $2, name_ja = $3, established = $4",
            )
            .bind(&p.id)
            .bind(&p.name)
            .bind(&p.name_ja)
            .bind(p.established.map(|d| d.to_string()))
            .execute(&mut *tx)
            .await?;
            for s in &m.sides {
                sqlx::query(
                    "INSERT INTO sides (partnership_id, id, name, name_ja) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (partnership_id, id) DO UPDATE SET name = $3, name_ja = $4",
                )
                .bind(&p.id)
                .bind(&s.id)
                .bind(&s.name)
                .bind(&s.name_ja)
                .execute(&mut *tx)
                .await?;
            }
            for o in &m.organisations {
                sqlx::query(
                    "INSERT INTO organisations
                       (partnership_id, id, side_id, name, name_ja, acronym, aliases, since, until, succeeded_by)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                     ON CONFLICT (partnership_id, id) DO UPDATE SET side_id = $3, name = $4, name_ja = $5,
                       acronym = $6, aliases = $7, since = $8, until = $9, succeeded_by = $10",
                )
                .bind(&p.id)
                .bind(&o.id)
                .bind(&o.side)
                .bind(&o.name)
                .bind(&o.name_ja)
                .bind(&o.acronym)
                .bind(json(&o.aliases))
                .bind(o.since.map(|d| d.to_string()))
                .bind(o.until.map(|d| d.to_string()))
                .bind(&o.succeeded_by)
                .execute(&mut *tx)
                .await?;
            }
            for b in &m.bodies {
                sqlx::query(
                    "INSERT INTO bodies (partnership_id, id, name, name_ja, aliases, level, cadence, kind)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                     ON CONFLICT (partnership_id, id) DO UPDATE SET name = $3, name_ja = $4, aliases = $5,
                       level = $6, cadence = $7, kind = $8",
                )
                .bind(&p.id)
                .bind(&b.id)
                .bind(&b.name)
                .bind(&b.name_ja)
                .bind(json(&b.aliases))
                .bind(&b.level)
                .bind(&b.cadence)
                .bind(&b.kind)
                .execute(&mut *tx)
                .await?;
            }
            for mt in &m.meetings {
                sqlx::query(
                    "INSERT INTO meetings (partnership_id, id, body_id, date, format, title, title_ja)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)
                     ON CONFLICT (partnership_id, id) DO UPDATE SET body_id = $3, date = $4, format = $5, title = $6, title_ja = $7",
                )
                .bind(&p.id)
                .bind(&mt.id)
                .bind(&mt.body)
                .bind(mt.date.map(|d| d.to_string()))
                .bind(&mt.format)
                .bind(&mt.title)
                .bind(&mt.title_ja)
                .execute(&mut *tx)
                .await?;
            }
            // The manifest's pillars replace the stored ones whole: a pillar or area taken out of
            // the manifest leaves the structure (corrections naming a pillar keep their word).
            sqlx::query("DELETE FROM pillar_areas WHERE partnership_id = $1").bind(&p.id).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM pillars WHERE partnership_id = $1").bind(&p.id).execute(&mut *tx).await?;
            for (position, pillar) in m.pillars.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO pillars (partnership_id, id, position, name, name_ja) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&p.id)
                .bind(&pillar.id)
                .bind(position as i64)
                .bind(&pillar.name)
                .bind(&pillar.name_ja)
                .execute(&mut *tx)
                .await?;
                for (at, area) in pillar.areas.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO pillar_areas (partnership_id, area, pillar_id, position) VALUES ($1, $2, $3, $4)",
                    )
                    .bind(&p.id)
                    .bind(area)
                    .bind(&pillar.id)
                    .bind(at as i64)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// One document in one transaction; `false` when it was already stored.
    async fn store_document(&self, d: &DocumentRecord, at: &str, actor: &str) -> Result<bool, StoreError> {
        let doc = &d.document;
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let head = lock_audit_head!(tx);
            let inserted = sqlx::query(
                "INSERT INTO documents (id, partnership_id, position, path, title, date, kind, language, url,
                   meeting_id, original, normalised, handling, ingested_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(&doc.id)
            .bind(&doc.partnership_id)
            .bind(doc.position)
            .bind(&doc.path)
            .bind(&doc.title)
            .bind(&doc.date)
            .bind(&doc.kind)
            .bind(&doc.language)
            .bind(&doc.url)
            .bind(&doc.meeting_id)
            .bind(&d.original)
            .bind(&d.normalised)
            .bind(&doc.handling)
            .bind(at)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if inserted == 0 {
                tx.rollback().await?;
                return Ok(false);
            }
            insert_reading!(tx, d);
            let summary = format!(
                "{}: {} commitments, {} evidence items",
                doc.title,
                d.commitments.len(),
                d.evidence.len()
            );
            sqlx::query(
                "INSERT INTO changes (partnership_id, at, kind, entity_id, summary) VALUES ($1, $2, 'document', $3, $4)",
            )
            .bind(&doc.partnership_id)
            .bind(at)
            .bind(&doc.id)
            .bind(&summary)
            .execute(&mut *tx)
            .await?;
            let event = Pending {
                action: "document.ingest",
                entity: format!("document:{}", doc.id),
                before: None,
                after: Some(serde_json::json!({
                    "title": doc.title, "path": doc.path, "handling": doc.handling,
                    "commitments": d.commitments.len(), "evidence": d.evidence.len(),
                })),
                // The change log line is written above with the document's own summary.
                partnership: None,
                summary,
            };
            append_audit!(tx, head, [event], actor, at);
            tx.commit().await?;
        });
        Ok(true)
    }
}
