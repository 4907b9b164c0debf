//! Annex I completeness, consistency and the Recommendation's hints, on the built model.

use super::model::*;
use super::Checker;
use crate::diag::{codes, Code, Diagnostic};
use crate::syntax::ast::Item;

/// One ECTS credit is 25 to 30 hours of work (ECTS Users' Guide).
pub const HOURS_PER_ECTS: (f64, f64) = (25.0, 30.0);

/// Rules on micro-credentials, qualifications and organisations.
pub(super) fn annex_and_consistency(c: &mut Checker<'_>) {
    let model = &c.model;
    let mut d = Vec::new();
    for cred in &model.credentials {
        credential(model, cred, &mut d);
    }
    for q in &model.qualifications {
        qualification(q, &mut d);
    }
    let in_cycle = stacking_cycles(model, &mut d);
    for (id, q) in model.qualifications.iter().enumerate() {
        if !in_cycle.contains(&id) {
            parts_within_workload(model, q, &mut d);
        }
    }
    stacking_agreement(model, &mut d);
    c.diags.extend(d);
}

fn missing(code: &'static Code, cred: &Credential, message: &str, help: &str) -> Diagnostic {
    Diagnostic::new(code, cred.span, message.to_string())
        .with_label(format!("`{}` lacks this", cred.name))
        .with_help(help)
}

/// The assessment type "level of attendance", which is not an assessment of outcomes.
const LEVEL_OF_ATTENDANCE: &str = "http://data.europa.eu/snb/assessment/7331eb4762";

fn credential(model: &Model, cred: &Credential, d: &mut Vec<Diagnostic>) {
    let noun = if cred.micro {
        "micro-credential"
    } else {
        "credential"
    };
    if cred.title.is_empty() && !cred.wrote("title") {
        d.push(missing(
            &codes::MISSING_TITLE,
            cred,
            &format!("this {noun} has no title"),
            "add `title \"...\"`",
        ));
    }
    if cred.awarding_bodies.is_empty() && !cred.wrote("awarding-body") {
        d.push(missing(
            &codes::MISSING_AWARDING_BODY,
            cred,
            &format!("this {noun} names no awarding body"),
            "add `awarding-body NAME`, naming an `organisation` of the project",
        ));
    }
    for (org_id, role) in organisations_in(model, cred) {
        let org = &model.organisations[org_id];
        if org.country.is_none() {
            d.push(
                Diagnostic::new(
                    &codes::MISSING_COUNTRY,
                    org.span,
                    format!("{role} `{}` has no country", org.name),
                )
                .with_label("add `country` here")
                .with_related(cred.span, format!("appears in `{}`", cred.name))
                .with_help(country_help(&model.examples.country)),
            );
        }
        if org.legal_name.is_empty() {
            d.push(
                Diagnostic::new(
                    &codes::MISSING_LEGAL_NAME,
                    org.span,
                    format!("{role} `{}` has no legal name", org.name),
                )
                .with_label("add `legal-name` here")
                .with_related(cred.span, format!("appears in `{}`", cred.name))
                .with_help("add `legal-name \"...\"` with the organisation's official name"),
            );
        }
        let identified = org.legal_id.is_some() || org.vat_id.is_some() || org.tax_id.is_some();
        if !identified && role == "the awarding body" {
            d.push(
                Diagnostic::new(
                    &codes::MISSING_LEGAL_ID,
                    org.span,
                    format!("the awarding body `{}` has no legal identifier", org.name),
                )
                .with_label("add `legal-id` here")
                .with_help("add `legal-id \"...\"` with its registration or PIC number, or `vat-id \"...\"` / `tax-id \"...\"` (Q40)"),
            );
        }
    }
    if cred.micro {
        annex_i_elements(cred, d);
    }
    if let (Some(ects), Some(StudyTime::Hours(hours))) = (cred.ects, cred.time) {
        let per = hours / ects;
        if ects > 0.0 && !(HOURS_PER_ECTS.0..=HOURS_PER_ECTS.1).contains(&per) {
            d.push(
                Diagnostic::new(&codes::WORKLOAD_MISMATCH, cred.span, format!("{hours} hours for {ects} ECTS is {per:.1} hours per credit; one ECTS credit is 25 to 30 hours"))
                    .with_label("check the two `workload` lines")
                    .with_help(format!("for {ects} ECTS, give {:.0} to {:.0} hours", ects * HOURS_PER_ECTS.0, ects * HOURS_PER_ECTS.1)),
            );
        }
    }
    for qa in &cred.quality_assurance {
        if let QualityAssurance::Organisation(id) = qa {
            let org = &model.organisations[*id];
            if org.accreditations.is_empty() {
                d.push(
                    Diagnostic::new(&codes::MISSING_QUALITY_ASSURANCE, cred.span, format!("`quality-assurance {}` refers to an organisation without accreditation records", org.name))
                        .with_label("no quality assurance to show")
                        .with_related(org.span, "add an `accreditation { ... }` block here")
                        .with_help("add an `accreditation { type ..., title \"...\", by ... }` block to the organisation, or describe the quality assurance in words: `quality-assurance \"...\"`"),
                );
            }
        }
    }
    if cred.issuer.is_some() == cred.mandate.is_empty() {
        d.push(missing(
            &codes::MANDATE_INCOMPLETE,
            cred,
            if cred.issuer.is_some() {
                "`issuer` is given without the `mandate` that allows it"
            } else {
                "`mandate` is given without the `issuer` it allows"
            },
            "give both `issuer ORGANISATION` and `mandate \"...\"` (the agreement), or neither",
        ));
    }
    if let Some(issuing) = cred.issuer.or(cred.awarding_bodies.first().copied()) {
        let org = &model.organisations[issuing];
        if org.eidas_id.is_none() {
            d.push(
                Diagnostic::new(&codes::MISSING_EIDAS_ID, org.span, format!("the issuing organisation `{}` has no `eidas-id`", org.name))
                    .with_label("add `eidas-id` here")
                    .with_related(cred.span, format!("issues `{}`", cred.name))
                    .with_help("add `eidas-id \"VATDE-123456789\"` (the organisation identifier of its e-seal certificate)"),
            );
        }
    }
}

/// The elements Annex I asks of a micro-credential (not of another `credential`): learning
/// outcomes, workload, level, assessment, form of participation, quality assurance.
fn annex_i_elements(cred: &Credential, d: &mut Vec<Diagnostic>) {
    if cred.outcomes.is_empty()
        && cred.outcomes_summary.is_empty()
        && !cred.wrote("outcome")
        && !cred.wrote("outcomes-summary")
    {
        d.push(missing(&codes::MISSING_OUTCOMES, cred, "this micro-credential states no learning outcomes", "add `outcome \"...\"` lines (linked to ESCO skills where you can), or `outcomes-summary \"...\"`"));
    }
    // ECVET points are the credits of VET (Q6), so they answer the workload too
    let credits = cred.ects.or(cred.ecvet);
    match (credits, cred.time) {
        (None, None) if !cred.wrote("workload") => d.push(missing(
            &codes::MISSING_WORKLOAD,
            cred,
            "this micro-credential states no workload",
            "add `workload 3 ects` (ECTS wherever possible) and/or `workload 75 hours`",
        )),
        (None, Some(time)) if !cred.respelt_ects => d.push(missing(
            &codes::PREFER_ECTS,
            cred,
            &format!(
                "the workload is given in {} only; Annex I asks for ECTS wherever possible",
                time.unit()
            ),
            "add the ECTS figure too, e.g. `workload 3 ects` (1 ECTS = 25 to 30 hours)",
        )),
        _ => {}
    }
    if cred.eqf == Level::Unstated && !cred.wrote("eqf") {
        d.push(missing(
            &codes::MISSING_LEVEL,
            cred,
            "this micro-credential states no EQF level",
            "add `eqf 5` (1 to 8), or `eqf none` if no level applies",
        ));
    }
    if cred.assessments.is_empty() && !cred.wrote("assessment") {
        d.push(missing(&codes::MISSING_ASSESSMENT, cred, "this micro-credential has no assessment", "add `assessment \"...\" { type written-examination }`: completion alone is not an assessment (Q2)"));
    } else if cred.assessments.iter().all(|a| a.kind_span.is_none()) {
        d.push(missing(
            &codes::MISSING_ASSESSMENT,
            cred,
            "no assessment of this micro-credential states its type",
            "add `type written-examination` (or another assessment type) to the assessment block",
        ));
    } else if cred.assessments.iter().all(
        |a| matches!(&a.kind, Some(TermOrText::Term(t)) if t.concept.iri == LEVEL_OF_ATTENDANCE),
    ) {
        for span in cred.assessments.iter().filter_map(|a| a.kind_span) {
            d.push(
                Diagnostic::new(
                    &codes::ATTENDANCE_ONLY,
                    span,
                    "attendance is this micro-credential's only assessment",
                )
                .with_label("attendance alone is not an assessment (Q2)")
                .with_help("add an assessment of the learning outcomes, e.g. `assessment \"Final project\" { type practical-assessment }`, and keep attendance beside it"),
            );
        }
    }
    let has_mode = !cred.modes.is_empty() || cred.activities.iter().any(|a| !a.modes.is_empty());
    if !has_mode && !cred.wrote("mode") {
        d.push(missing(
            &codes::MISSING_MODE,
            cred,
            "this micro-credential states no form of participation",
            "add `mode online` (or presential, blended, hybrid ...)",
        ));
    }
    if cred.quality_assurance.is_empty() && !cred.wrote("quality-assurance") {
        d.push(missing(&codes::MISSING_QUALITY_ASSURANCE, cred, "this micro-credential states no quality assurance", "add `quality-assurance ORGANISATION` (its accreditation records) or `quality-assurance \"...\"` (a description)"));
    }
}

/// The organisations a credential shows, with their role, each once.
fn organisations_in(model: &Model, cred: &Credential) -> Vec<(OrgId, &'static str)> {
    let mut out: Vec<(OrgId, &'static str)> = cred
        .awarding_bodies
        .iter()
        .map(|&o| (o, "the awarding body"))
        .collect();
    out.extend(cred.issuer.map(|o| (o, "the issuer")));
    out.extend(
        cred.activities
            .iter()
            .filter_map(|a| a.directed_by)
            .map(|o| (o, "the organisation directing an activity")),
    );
    out.extend(
        cred.assessments
            .iter()
            .filter_map(|a| a.assessed_by)
            .map(|o| (o, "the assessing organisation")),
    );
    for qa in &cred.quality_assurance {
        if let QualityAssurance::Organisation(o) = qa {
            out.extend(
                model.organisations[*o]
                    .accreditations
                    .iter()
                    .filter_map(|a| a.by)
                    .map(|o| (o, "the accrediting organisation")),
            );
        }
    }
    let mut seen = Vec::new();
    out.retain(|(o, _)| {
        let first = !seen.contains(o);
        seen.push(*o);
        first
    });
    out
}

fn qualification(q: &Qualification, d: &mut Vec<Diagnostic>) {
    let mut lacks = Vec::new();
    if q.title.is_empty() {
        lacks.push("a `title`");
    }
    if q.awarding_bodies.is_empty() {
        lacks.push("an `awarding-body`");
    }
    if q.includes.is_empty() {
        lacks.push("`includes` lines naming its parts");
    }
    if !lacks.is_empty() {
        d.push(
            Diagnostic::new(
                &codes::QUALIFICATION_INCOMPLETE,
                q.span,
                format!("this qualification lacks {}", lacks.join(", ")),
            )
            .with_label("incomplete qualification"),
        );
    }
}

/// The parts' ECTS do not exceed the qualification's own.
fn parts_within_workload(model: &Model, q: &Qualification, d: &mut Vec<Diagnostic>) {
    // A workload of zero is reported where it is written (L0208).
    let Some(own) = q.ects.filter(|e| *e > 0.0) else {
        return;
    };
    let parts: f64 = q
        .includes
        .iter()
        .map(|p| match p {
            Part::Credential(id) => model.credentials[*id].ects.unwrap_or(0.0),
            Part::Qualification(id) => model.qualifications[*id].ects.unwrap_or(0.0),
        })
        .sum();
    if parts > own + 1e-9 {
        d.push(
            Diagnostic::new(&codes::PARTS_EXCEED, q.span, format!("the included parts add up to {parts} ECTS, more than the qualification's {own} ECTS"))
                .with_label("parts exceed the total")
                .with_help("raise `workload` of the qualification, or include fewer parts"),
        );
    }
}

/// `stackable-into` on credentials and `includes` on qualifications tell the same story.
fn stacking_agreement(model: &Model, d: &mut Vec<Diagnostic>) {
    for (id, cred) in model.credentials.iter().enumerate() {
        for &q in &cred.stackable_into {
            let qual = &model.qualifications[q];
            if !qual.includes.contains(&Part::Credential(id)) {
                d.push(
                    Diagnostic::new(
                        &codes::STACKING_MISMATCH,
                        cred.span,
                        format!(
                            "`{}` says it stacks into `{}`, but `{}` does not include it",
                            cred.name, qual.name, qual.name
                        ),
                    )
                    .with_label("stackable-into without a matching includes")
                    .with_related(qual.span, format!("add `includes {}` here", cred.name))
                    .with_help(format!(
                        "add `includes {}` to `{}`, or remove `stackable-into {}`",
                        cred.name, qual.name, qual.name
                    )),
                );
            }
        }
    }
    for qual in &model.qualifications {
        for part in &qual.includes {
            if let Part::Credential(id) = *part {
                let cred = &model.credentials[id];
                if cred.stand_alone {
                    d.push(
                        Diagnostic::new(
                            &codes::STACKING_MISMATCH,
                            qual.span,
                            format!(
                                "`{}` includes `{}`, which says it is stand-alone",
                                qual.name, cred.name
                            ),
                        )
                        .with_label("includes a stand-alone credential")
                        .with_related(cred.span, "`stackable-into stand-alone` here")
                        .with_help(format!(
                            "write `stackable-into {}` in `{}`, or remove the `includes` line",
                            qual.name, cred.name
                        )),
                    );
                }
            }
        }
    }
}

/// Reports each `includes` cycle once (at its first qualification) and returns every
/// qualification that is part of a cycle.
fn stacking_cycles(model: &Model, d: &mut Vec<Diagnostic>) -> Vec<QualificationId> {
    fn reaches(
        model: &Model,
        from: QualificationId,
        target: QualificationId,
        seen: &mut Vec<QualificationId>,
    ) -> bool {
        for part in &model.qualifications[from].includes {
            if let Part::Qualification(next) = *part {
                if next == target {
                    return true;
                }
                if !seen.contains(&next) {
                    seen.push(next);
                    if reaches(model, next, target, seen) {
                        return true;
                    }
                }
            }
        }
        false
    }
    let in_cycle: Vec<QualificationId> = (0..model.qualifications.len())
        .filter(|&id| reaches(model, id, id, &mut Vec::new()))
        .collect();
    for &id in &in_cycle {
        // The first member of each cycle speaks for it.
        let first = in_cycle
            .iter()
            .copied()
            .find(|&other| {
                reaches(model, id, other, &mut Vec::new())
                    && reaches(model, other, id, &mut Vec::new())
            })
            .unwrap_or(id);
        if first == id {
            let q = &model.qualifications[id];
            d.push(
                Diagnostic::new(
                    &codes::INCLUDE_CYCLE,
                    q.span,
                    format!("`{}` includes itself through its parts", q.name),
                )
                .with_label("part of an `includes` cycle")
                .with_help("remove one `includes` line so that stacking forms a tree"),
            );
        }
    }
    in_cycle
}

/// Rules on one award.
pub(super) fn award(
    c: &Checker<'_>,
    award: &Award,
    item: &Item,
    written: &[&str],
    d: &mut Vec<Diagnostic>,
) {
    let span = item.name.span;
    let has_learner = written.contains(&"learner");
    let learner = &award.learner;
    if !has_learner || learner.display_name().is_empty() {
        let message = if has_learner {
            "the learner has no name"
        } else {
            "this award does not identify the learner"
        };
        d.push(
            Diagnostic::new(&codes::MISSING_LEARNER, span, message)
                .with_label("who receives this credential?")
                .with_help("add a `learner { ... }` block with `given-name \"...\"`, `family-name \"...\"` and `student-id \"...\"`, one field per line"),
        );
    }
    let Some(date) = &award.date else {
        if written.contains(&"date") {
            return; // the date's own error is reported
        }
        d.push(
            Diagnostic::new(
                &codes::MISSING_DATE,
                span,
                "this award has no date of issuing",
            )
            .with_label("when was it issued?")
            .with_help("add `date 2025-03-14` to the award"),
        );
        return;
    };
    let Some(day) = date.day() else { return };
    if let Some(birth) = learner.birth_date.as_ref().and_then(Moment::day) {
        if birth >= day {
            d.push(
                Diagnostic::new(
                    &codes::DATE_ORDER,
                    span,
                    format!(
                        "the learner's birth date ({birth}) is not before the award date ({day})"
                    ),
                )
                .with_label("dates out of order")
                .with_help("check `birth-date` and `date`"),
            );
        }
    }
    if let Some(end) = award.period.as_ref().and_then(|(_, end)| end.day()) {
        if end > day {
            d.push(
                Diagnostic::new(
                    &codes::DATE_ORDER,
                    span,
                    format!("the participation period ends ({end}) after the award date ({day})"),
                )
                .with_label("dates out of order")
                .with_help("check `period` and `date`"),
            );
        }
    }
    let Some(cred) = c.model.credentials.get(award.credential) else {
        return;
    };
    if let Some(until) = cred.valid_until {
        if until <= day {
            d.push(
                Diagnostic::new(&codes::EXPIRY_BEFORE_ISSUE, span, format!("`{}` expires on {until}, before this award's date ({day})", cred.name))
                    .with_label("already expired when issued")
                    .with_related(cred.span, "`valid-until` of this credential")
                    .with_help("move `valid-until` later, or use `valid-for 5 years` to count from the award date"),
            );
        }
    }
    if let (Some(until), Some(from)) = (
        cred.valid_until,
        award.valid_from.as_ref().and_then(Moment::day),
    ) {
        if until < from {
            d.push(
                Diagnostic::new(&codes::DATE_ORDER, span, format!("the award takes effect on {from} (`valid-from`), after `{}` expires on {until}", cred.name))
                    .with_label("dates out of order")
                    .with_related(cred.span, "`valid-until` of this credential")
                    .with_help("check `valid-from` on the award and `valid-until` on the credential"),
            );
        }
    }
    if !award.grade.is_empty() && cred.assessments.iter().all(|a| a.grading.is_none()) {
        d.push(
            Diagnostic::new(&codes::GRADE_WITHOUT_SCHEME, span, "the award has a grade, but no assessment of the credential names its grading scheme")
                .with_label("grade without a scheme")
                .with_related(cred.span, "add `grading \"...\"` to an assessment of this credential")
                .with_help("add `grading \"German university grading scale 1.0-5.0\" { url \"...\" }` to the assessment (Q28)"),
        );
    }
}

/// "add `country POL` (or the ISO code, `country PL`) to the organisation", with the
/// project's country.
fn country_help(country: &str) -> String {
    match crate::vocab::country_iso_for_code(country) {
        Some(iso) => format!(
            "add `country {country}` (or the ISO code, `country {iso}`) to the organisation"
        ),
        None => format!("add `country {country}` to the organisation"),
    }
}
