import PQ
import Testing

/// Every analytics view against figures worked out by hand from AnalyticsFixture.
///
/// 2020-2021 in the fixture, counted participations (the event's audience; jurors separately):
///   11 Спортивная мозаика (Истоки, pupils): app 1 (13) 101+102 and mentor 201 (not counted), app 2
///      (50) 103, app 3 (31) withdrawn, app 4 (32) headcount 5  -> 8 participants, 1 other
///   12 Весенний переполох (Тайны науки, pupils): app 5 (6) 106 + entry headcount 10, app 6 (40) 107
///      + author 108 (107 is member and author: once), app 7 (13) 101, app 17 withdrawn; jurors 202,
///      203 (203 twice)                                          -> 14 participants, 2 jurors
///   13 Школьные кейсы (Точки роста, teachers): app 8 (6) 204+205, app 9 (50) 202 + headcount 1 -> 4
///   14 conference (no module, teachers only): app 10 (13) 201                        -> 1
///   15 Scratch (no module, pupils and teachers): app 11 (32) 105, app 12 (13) teacher 203 -> 1, 1 other
/// 2019-2020: 16 (Истоки) 107 + 108 + headcount 20 -> 22; 17 (Точки роста) 201 -> 1, juror 202.
@Suite struct AnalyticsViewTests {
    let conn: PQConnection

    init() throws {
        conn = try AnalyticsFixture.connect()
    }

    func lines(_ sql: String) throws -> [String] {
        try conn.query(sql).map { try $0.decode(0, as: String.self) }
    }

    @Test func eventParticipation() throws {
        #expect(
            try lines(
                """
                SELECT concat_ws('|', event_id, school_year, coalesce(module, '-'), audience, participants, other_participants,
                                 jurors, pupil_participations, teacher_participations, named, grouped)
                FROM analytics.event_participation ORDER BY event_id
                """) == [
                    "11|2020-2021|Истоки|pupils|8|1|0|8|0|3|5",
                    "12|2020-2021|Тайны науки|pupils|14|0|2|14|2|4|10",
                    "13|2020-2021|Точки роста|teachers|4|0|0|0|4|3|1",
                    "14|2020-2021|-|teachers|1|0|0|0|1|1|0",
                    "15|2020-2021|-|pupils|1|1|0|1|0|1|0",
                    "16|2019-2020|Истоки|pupils|22|0|0|22|0|2|20",
                    "17|2019-2020|Точки роста|teachers|1|0|1|0|2|1|0"
                ])
    }

    /// event_participation is computed on its own for speed: it must equal the participation rows summed.
    @Test func eventParticipationAgreesWithTheParticipationRows() throws {
        #expect(
            try lines(
                """
                SELECT ep.event_id::text
                FROM analytics.event_participation ep
                LEFT JOIN (SELECT event_id,
                                  coalesce(sum(people) FILTER (WHERE counted AND source <> 'juror'), 0) AS participants,
                                  coalesce(sum(people) FILTER (WHERE NOT counted), 0) AS other,
                                  coalesce(sum(people) FILTER (WHERE source = 'juror'), 0) AS jurors,
                                  coalesce(sum(people) FILTER (WHERE counted AND audience = 'pupils'), 0) AS pupils,
                                  coalesce(sum(people) FILTER (WHERE counted AND audience = 'teachers'), 0) AS teachers,
                                  coalesce(sum(people) FILTER (WHERE counted AND source IN ('member', 'author')), 0) AS named,
                                  coalesce(sum(people) FILTER (WHERE counted AND source = 'group'), 0) AS grouped
                           FROM analytics.participation GROUP BY event_id) x ON x.event_id = ep.event_id
                WHERE (ep.participants, ep.other_participants, ep.jurors, ep.pupil_participations, ep.teacher_participations,
                       ep.named, ep.grouped)
                      IS DISTINCT FROM (coalesce(x.participants, 0), coalesce(x.other, 0), coalesce(x.jurors, 0),
                                        coalesce(x.pupils, 0), coalesce(x.teachers, 0), coalesce(x.named, 0), coalesce(x.grouped, 0))
                """) == [])
    }

    /// 2020-2021: pupils 8 + 14 + 1 = 23; teachers 4 + 1 + 2 jurors = 7; 30 in all.
    @Test func yearTotals() throws {
        #expect(
            try lines(
                """
                SELECT concat_ws('|', school_year, events, pupil_events, teacher_events, pupil_participations,
                                 teacher_participations, jurors, participations, other_participations)
                FROM analytics.year_totals ORDER BY start_year
                """) == ["2019-2020|2|1|1|22|2|1|24|0", "2020-2021|5|3|2|23|7|2|30|2"])
    }

    /// Pupils 101 102 103 106 107 108 105; teachers 204 205 202 201 203; unnamed 5 + 10 + 1.
    @Test func yearPeople() throws {
        #expect(
            try lines(
                """
                SELECT concat_ws('|', school_year, unique_pupils, unique_teachers, unique_people, unnamed_participations)
                FROM analytics.year_people ORDER BY school_year
                """) == ["2019-2020|2|2|4|20", "2020-2021|7|5|12|16"])
    }

    /// Both fixture years have pupils' and teachers' events, so both have data for both audiences.
    @Test func yearAudiences() throws {
        #expect(
            try lines(
                """
                SELECT school_year || '|' || array_to_string(audiences, ',') FROM analytics.year_audiences ORDER BY school_year
                """) == ["2019-2020|pupils,teachers", "2020-2021|pupils,teachers"])
    }

    /// Every figure of two years with data for both audiences is compared.
    @Test func yearOverYearComparesEveryFigureOfFullYears() throws {
        #expect(
            try lines(
                """
                SELECT concat_ws('|', events_change, pupil_events_change, teacher_events_change, pupil_participations_change,
                                 pupil_participations_change_pct, teacher_participations_change, participations_change)
                FROM analytics.year_over_year WHERE school_year = '2020-2021'
                """) == ["3|2|1|1|4.5|5|6"])
    }

    @Test func yearOverYear() throws {
        #expect(
            try lines(
                """
                SELECT concat_ws('|', school_year, coalesce(previous_school_year, '-'), events, coalesce(events_change::text, '-'),
                                 pupil_participations_change, teacher_participations_change, participations_change,
                                 participations_change_pct)
                FROM analytics.year_over_year ORDER BY school_year
                """) == ["2019-2020|-|2|-", "2020-2021|2019-2020|5|3|1|5|6|25.0"])
    }

    /// Module 2 includes its 2 jurors; the events outside the modules are one row per audience.
    @Test func moduleParticipation() throws {
        #expect(
            try lines(
                """
                SELECT concat_ws('|', school_year, coalesce(module, '-'), audience, events, participations, pupil_participations,
                                 teacher_participations, jurors, unique_pupils, unique_teachers)
                FROM analytics.module_participation ORDER BY school_year, module_id NULLS LAST, audience
                """) == [
                    "2019-2020|Истоки|pupils|1|22|22|0|0|2|0",
                    "2019-2020|Точки роста|teachers|1|2|0|2|1|0|2",
                    "2020-2021|Истоки|pupils|1|8|8|0|0|3|0",
                    "2020-2021|Тайны науки|pupils|1|16|14|2|2|4|2",
                    "2020-2021|Точки роста|teachers|1|4|0|4|0|0|3",
                    "2020-2021|-|pupils|1|1|1|0|0|1|0",
                    "2020-2021|-|teachers|1|1|0|1|0|0|1"
                ])
    }

    /// 13: 101+102 (11), 101 (12), 201 (14), juror 203 (12); 203 in 15 is outside the audience.
    /// 50: 103 (11), 202 + 1 (13), juror 202 (12). 6: 106 + 10 (12), 204 + 205 (13).
    @Test func organisationParticipation() throws {
        #expect(
            try lines(
                """
                SELECT concat_ws('|', organisation_id, events, participations, pupil_participations, teacher_participations,
                                 jurors, unique_pupils, unique_teachers, municipality_id, region_id, country_code)
                FROM analytics.organisation_participation WHERE school_year = '2020-2021' ORDER BY organisation_id
                """) == [
                    "6|2|13|11|2|0|1|2|3|2|RU",
                    "13|3|5|3|2|1|2|2|1|1|RU",
                    "32|2|6|6|0|0|1|0|4|3|KZ",
                    "40|1|2|2|0|0|2|0|2|1|RU",
                    "50|3|4|1|3|1|1|1|1|1|RU"
                ])
    }

    @Test func municipalityRegionCountry() throws {
        #expect(
            try lines(
                """
                SELECT concat_ws('|', municipality_id, events, organisations, participations, pupil_participations,
                                 teacher_participations, jurors, unique_pupils, unique_teachers)
                FROM analytics.municipality_participation WHERE school_year = '2020-2021' ORDER BY municipality_id
                """) == ["1|4|2|9|4|5|2|3|3", "2|1|1|2|2|0|0|2|0", "3|2|1|13|11|2|0|1|2", "4|2|1|6|6|0|0|1|0"])
        #expect(
            try lines(
                """
                SELECT concat_ws('|', region_id, events, organisations, municipalities, participations, pupil_participations,
                                 teacher_participations, jurors, unique_pupils, unique_teachers)
                FROM analytics.region_participation WHERE school_year = '2020-2021' ORDER BY region_id
                """) == ["1|4|3|2|11|6|5|2|5|3", "2|2|1|1|13|11|2|0|1|2", "3|2|1|1|6|6|0|0|1|0"])
        #expect(
            try lines(
                """
                SELECT concat_ws('|', country_code, events, organisations, regions, participations, pupil_participations,
                                 teacher_participations, jurors, unique_pupils, unique_teachers)
                FROM analytics.country_participation WHERE school_year = '2020-2021' ORDER BY country_code
                """) == ["KZ|2|1|1|6|6|0|0|1|0", "RU|4|4|2|24|17|7|2|6|5"])
    }

    /// Membership on the event's date: 6 joined 2021-01-15 (non-member at 13 in October, member at
    /// 12 in May); 40's agreement ended 2020-08-31; 32 never joined.
    @Test func membership() throws {
        #expect(
            try lines(
                """
                SELECT concat_ws('|', event_id, organisation_id, is_member, is_organiser, participations, unique_people)
                FROM analytics.event_organisation WHERE school_year = '2020-2021' ORDER BY event_id, organisation_id
                """) == [
                    "11|13|t|t|2|2", "11|32|f|f|5|0", "11|50|t|f|1|1",
                    "12|6|t|f|11|1", "12|13|t|t|1|1", "12|40|f|f|2|2",
                    "13|6|f|f|2|2", "13|50|t|f|2|1",
                    "14|13|t|t|1|1", "15|32|f|f|1|1"
                ])
        #expect(
            try lines(
                """
                SELECT concat_ws('|', event_id, organisations, member_organisations, non_member_organisations,
                                 member_participations, non_member_participations, municipalities, regions, countries)
                FROM analytics.event_reach WHERE school_year = '2020-2021' ORDER BY event_id
                """) == [
                    "11|3|2|1|3|5|2|2|2", "12|3|2|1|12|2|3|2|1", "13|2|1|1|2|2|2|2|1", "14|1|1|0|1|0|1|1|1",
                    "15|1|0|1|0|1|1|1|1"
                ])
        #expect(
            try lines(
                """
                SELECT concat_ws('|', school_year, is_member, organisations, events, participations, pupil_participations,
                                 teacher_participations)
                FROM analytics.year_membership ORDER BY school_year, is_member
                """) == ["2019-2020|t|3|2|23|22|1", "2020-2021|f|3|4|10|8|2", "2020-2021|t|3|4|18|15|3"])
    }

    /// 11: absolute winner (app 1: 101, 102), diploma III (group of 5), special (103).
    /// 12: diploma II for the choir entry (its 10), winner for the drawing (authors 107, 108),
    ///     certificate for app 7 (101); 106 has no award. 13: diploma I (204, 205). 15: prizewinner (105).
    @Test func results() throws {
        #expect(
            try lines(
                """
                SELECT concat_ws('|', event_id, applications, awarded_applications, participants, winners, prizewinners,
                                 special, certificates, winner_share)
                FROM analytics.event_results WHERE school_year = '2020-2021' ORDER BY event_id
                """) == [
                    "11|3|2|8|2|5|1|0|0.875", "12|3|2|14|2|10|0|1|0.857", "13|2|1|4|2|0|0|0|0.500",
                    "14|1|0|1|0|0|0|0|0.000", "15|2|1|1|0|1|0|0|1.000"
                ])
        #expect(
            try lines(
                """
                SELECT concat_ws('|', audience, applications, awarded_applications, participants, winners, prizewinners,
                                 special, certificates, winner_share)
                FROM analytics.year_results WHERE school_year = '2020-2021' ORDER BY audience
                """) == ["pupils|8|5|23|4|16|1|1|0.870", "teachers|3|1|5|2|0|0|0|0.400"])
        #expect(
            try lines(
                """
                SELECT concat_ws('|', source, coalesce(person_id::text, '-'), coalesce(award_class, '-'))
                FROM analytics.participation_award WHERE event_id = 12 ORDER BY source, person_id NULLS LAST
                """) == ["author|108|winner", "group|-|prizewinner", "member|101|certificate", "member|106|-", "member|107|winner"])
    }

    /// Members in a year: an agreement in force on any day of it; joined: first agreement starts in it.
    @Test func networkGrowth() throws {
        #expect(
            try lines(
                """
                SELECT concat_ws('|', school_year, members, members_at_start, members_at_end, joined, agreements_signed, agreements_ended)
                FROM analytics.network_growth ORDER BY school_year
                """) == ["2019-2020|3|2|3|1|1|1", "2020-2021|4|2|4|2|2|0"])
        #expect(
            try lines(
                """
                SELECT concat_ws('|', school_year, organisation_id, joined_on) FROM analytics.network_joined ORDER BY joined_on
                """) == ["2019-2020|50|2019-10-01", "2020-2021|31|2020-09-15", "2020-2021|6|2021-01-15"])
    }

    @Test func mostActiveOrganisations() throws {
        #expect(
            try lines(
                """
                SELECT concat_ws('|', organisation_id, events_taken_part, events_organised, participations, rank)
                FROM analytics.organisation_activity WHERE school_year = '2020-2021' ORDER BY rank
                """) == ["6|2|0|13|1", "32|2|0|6|2", "13|3|4|5|3", "50|2|0|4|4", "40|1|0|2|5", "31|0|1|0|6"])
        #expect(
            try lines(
                """
                SELECT organisation_id::text FROM analytics.most_active_organisations('2020-2021', 3)
                """) == ["6", "32", "13"])
    }

    /// Grades and whole years only: 101 was 11 on 2020-10-02 and in grade 6.
    @Test func participationRowsAreDepersonalised() throws {
        #expect(
            try lines(
                """
                SELECT concat_ws('|', source, coalesce(person_id::text, '-'), coalesce(person_kind, '-'), audience, counted,
                                 coalesce(grade::text, '-'), coalesce(age::text, '-'), organisation_id)
                FROM analytics.participation WHERE event_id = 11 ORDER BY source, person_id NULLS LAST
                """) == [
                    "group|-|-|pupils|t|-|-|32", "member|101|pupil|pupils|t|6|11|13", "member|102|pupil|pupils|t|6|11|13",
                    "member|103|pupil|pupils|t|6|11|50", "member|201|teacher|teachers|f|-|40|13"
                ])
        // no column of any analytics view is personal data
        let columns = try lines(
            """
            SELECT DISTINCT column_name::text FROM information_schema.columns WHERE table_schema = 'analytics'
            """)
        for personal in [
            "birth_date", "last_name", "first_name", "patronymic", "contact_email", "contact_phone",
            "responsible_name", "token_hash", "name_key", "full_name_norm"
        ] {
            #expect(!columns.contains(personal), "\(personal) is exposed")
        }
    }

    /// Jurors and counted participants add up the same way in every roll-up.
    @Test func rollUpsAgreeWithTheYearTotals() throws {
        let sums = try lines(
            """
            SELECT concat_ws('|',
                (SELECT sum(participations) FROM analytics.module_participation WHERE school_year = '2020-2021'),
                (SELECT sum(participations) FROM analytics.organisation_participation WHERE school_year = '2020-2021'),
                (SELECT sum(participations) FROM analytics.region_participation WHERE school_year = '2020-2021'),
                (SELECT sum(participations) FROM analytics.country_participation WHERE school_year = '2020-2021'),
                (SELECT participations FROM analytics.year_totals WHERE school_year = '2020-2021'))
            """)
        #expect(sums == ["30|30|30|30|30"])
    }
}
