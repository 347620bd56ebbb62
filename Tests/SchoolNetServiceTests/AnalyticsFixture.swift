import Foundation
import PQ
import SchoolNetStore
import SchoolNetTestSupport

/// A small network over two school years whose every figure is worked out by hand in the tests'
/// comments. Fixed ids: organisations 13 (гимназия №13), 50 (СОШ №50), 31 (Богашевская), 6 (СОШ №6
/// г. Юрги), 32 (Дубровинская, KZ), 40 (Калтайская); events 11..15 in 2020-2021, 16..17 in 2019-2020.
enum AnalyticsFixture {
    static let sql = """
        INSERT INTO region (id, country_code, name) OVERRIDING SYSTEM VALUE VALUES
            (1, 'RU', 'Томская область'), (2, 'RU', 'Кемеровская область'), (3, 'KZ', 'Северо-Казахстанская область');
        INSERT INTO municipality (id, region_id, name, kind) OVERRIDING SYSTEM VALUE VALUES
            (1, 1, 'г. Томск', 'city'), (2, 1, 'Томский район', 'district'),
            (3, 2, 'г. Юрга', 'city'), (4, 3, 'Мамлютский район', 'district');
        INSERT INTO organisation (id, municipality_id, kind, legal_form, full_name, short_name) OVERRIDING SYSTEM VALUE VALUES
            (13, 1, 'gymnasium', 'МАОУ', 'МАОУ гимназия №13 г. Томска', 'гимназия №13'),
            (50, 1, 'school', 'МАОУ', 'МАОУ СОШ №50 г. Томска', 'СОШ №50'),
            (31, 2, 'school', 'МБОУ', 'МБОУ «Богашевская СОШ им. А.И. Федорова»', 'Богашевская СОШ'),
            (6, 3, 'school', 'МБОУ', 'МБОУ СОШ №6 г. Юрги', 'СОШ №6 г. Юрги'),
            (32, 4, 'school', 'КГУ', 'КГУ «Дубровинская средняя школа имени С.Г. Гуденко»', 'Дубровинская СШ'),
            (40, 2, 'school', 'МАОУ', 'МАОУ «Калтайская СОШ»', 'Калтайская СОШ');
        INSERT INTO network_agreement (organisation_id, starts_on, ends_on) VALUES
            (13, '2017-09-01', NULL), (50, '2019-10-01', NULL), (31, '2020-09-15', NULL),
            (6, '2021-01-15', NULL), (40, '2018-09-01', '2020-08-31');
        INSERT INTO school_year (id, start_year) OVERRIDING SYSTEM VALUE VALUES (1, 2019), (2, 2020);
        INSERT INTO programme_module (id, name, audience) OVERRIDING SYSTEM VALUE VALUES
            (1, 'Истоки', 'pupils'), (2, 'Тайны науки', 'pupils'), (3, 'Точки роста', 'teachers');

        INSERT INTO person (id, kind, last_name, first_name, birth_date, organisation_id) OVERRIDING SYSTEM VALUE VALUES
            (101, 'pupil', 'Иванова', 'Мария', '2009-03-15', NULL), (102, 'pupil', 'Петров', 'Пётр', '2009-05-01', NULL),
            (103, 'pupil', 'Сидоров', 'Иван', '2009-01-20', NULL), (104, 'pupil', 'Орлова', 'Анна', '2006-02-02', NULL),
            (105, 'pupil', 'Ким', 'Алия', '2010-07-07', NULL), (106, 'pupil', 'Смирнов', 'Олег', '2005-11-11', NULL),
            (107, 'pupil', 'Кузнецова', 'Вера', '2012-04-04', NULL), (108, 'pupil', 'Попов', 'Лев', '2012-06-06', NULL),
            (201, 'teacher', 'Учитель', 'Первый', '1980-01-01', 13), (202, 'teacher', 'Учитель', 'Второй', '1981-01-01', 50),
            (203, 'teacher', 'Учитель', 'Третий', '1982-01-01', 13), (204, 'teacher', 'Наставник', 'Четвёртый', '1970-01-01', 6),
            (205, 'teacher', 'Молодой', 'Пятый', '1998-01-01', 6);
        INSERT INTO pupil_grade (person_id, school_year_id, organisation_id, grade) VALUES
            (101, 2, 13, 6), (102, 2, 13, 6), (103, 2, 50, 6), (106, 2, 6, 10);

        INSERT INTO event (id, school_year_id, module_id, organiser_id, title, kind, format, starts_on, ends_on,
                           participation, team_min_size, team_max_size, allow_pupils, allow_teachers, audience)
            OVERRIDING SYSTEM VALUE VALUES
            (11, 2, 1, 13, 'Спортивная мозаика', 'festival', 'distance', '2020-10-02', '2020-10-02', 'team', 1, 7, true, false, '6 классы'),
            (12, 2, 2, 13, 'Весенний переполох', 'festival', 'distance', '2021-05-11', '2021-05-11', 'individual', NULL, NULL, true, false, '1-9 классы'),
            (13, 2, 3, 31, 'Школьные кейсы', 'game', 'distance', '2020-10-17', '2020-11-02', 'team', 2, 2, false, true, 'наставник и молодой учитель'),
            (14, 2, NULL, 13, 'Методическая конференция', 'conference', 'distance', '2021-05-19', '2021-05-19', 'individual', NULL, NULL, false, true, NULL),
            (15, 2, NULL, 13, 'Создавай со Scratch', 'contest', 'distance', '2021-04-01', '2021-04-30', 'individual', NULL, NULL, true, true, NULL),
            (16, 1, 1, 13, 'Моя любимая книга', 'conference', 'in_person', '2019-11-10', '2019-11-10', 'individual', NULL, NULL, true, false, NULL),
            (17, 1, 3, 50, 'Семинар', 'seminar', 'in_person', '2020-03-01', '2020-03-01', 'individual', NULL, NULL, false, true, NULL);
        UPDATE event SET edition = 9 WHERE id = 12;

        INSERT INTO application (id, event_id, organisation_id, status, status_reason, headcount, submitted_by, responsible_name, contact_email)
            OVERRIDING SYSTEM VALUE VALUES
            (1, 11, 13, 'accepted', NULL, NULL, 't', 'Р', 'r@example.org'),
            (2, 11, 50, 'accepted', NULL, NULL, 't', 'Р', 'r@example.org'),
            (3, 11, 31, 'submitted', NULL, NULL, 't', 'Р', 'r@example.org'),
            (4, 11, 32, 'submitted', NULL, 5, 't', 'Р', 'r@example.org'),
            (5, 12, 6, 'accepted', NULL, NULL, 't', 'Р', 'r@example.org'),
            (6, 12, 40, 'accepted', NULL, NULL, 't', 'Р', 'r@example.org'),
            (7, 12, 13, 'submitted', NULL, NULL, 't', 'Р', 'r@example.org'),
            (8, 13, 6, 'accepted', NULL, NULL, 't', 'Р', 'r@example.org'),
            (9, 13, 50, 'accepted', NULL, 1, 't', 'Р', 'r@example.org'),
            (10, 14, 13, 'accepted', NULL, NULL, 't', 'Р', 'r@example.org'),
            (11, 15, 32, 'accepted', NULL, NULL, 't', 'Р', 'r@example.org'),
            (12, 15, 13, 'accepted', NULL, NULL, 't', 'Р', 'r@example.org'),
            (13, 16, 40, 'accepted', NULL, NULL, 't', 'Р', 'r@example.org'),
            (14, 16, 13, 'accepted', NULL, NULL, 't', 'Р', 'r@example.org'),
            (15, 16, 50, 'accepted', NULL, 20, 't', 'Р', 'r@example.org'),
            (16, 17, 13, 'accepted', NULL, NULL, 't', 'Р', 'r@example.org'),
            (17, 12, 32, 'submitted', NULL, NULL, 't', 'Р', 'r@example.org');
        INSERT INTO application_member (application_id, person_id, role) VALUES
            (1, 101, 'participant'), (1, 102, 'participant'), (1, 201, 'mentor'),
            (2, 103, 'participant'), (3, 104, 'participant'),
            (5, 106, 'participant'), (6, 107, 'participant'), (7, 101, 'participant'),
            (8, 204, 'mentor'), (8, 205, 'young_teacher'), (9, 202, 'mentor'),
            (10, 201, 'presenter'), (11, 105, 'participant'), (12, 203, 'participant'),
            (13, 107, 'participant'), (14, 108, 'participant'), (16, 201, 'presenter'),
            (17, 105, 'participant');
        -- withdrawn after its members were named: none of it counts
        UPDATE application SET status = 'withdrawn' WHERE id IN (3, 17);

        INSERT INTO entry (id, application_id, event_id, kind, title, headcount) OVERRIDING SYSTEM VALUE VALUES
            (301, 5, 12, 'performance', 'Хор', 10), (302, 6, 12, 'work', 'Рисунок', NULL);
        INSERT INTO entry_author (entry_id, person_id) VALUES (302, 107), (302, 108);

        INSERT INTO nomination (id, event_id, title) OVERRIDING SYSTEM VALUE VALUES (1, 12, 'Вокал');
        INSERT INTO jury_assignment (event_id, person_id, nomination_id) VALUES
            (12, 202, NULL), (12, 203, NULL), (12, 203, 1), (17, 202, NULL);

        INSERT INTO result (event_id, application_id, entry_id, award, special_title) VALUES
            (11, 1, NULL, 'absolute_winner', NULL), (11, 4, NULL, 'diploma_3', NULL),
            (11, 2, NULL, 'special', 'За волю к победе'),
            (12, 5, 301, 'diploma_2', NULL), (12, 6, 302, 'winner', NULL), (12, 7, NULL, 'certificate', NULL),
            (13, 8, NULL, 'diploma_1', NULL), (15, 11, NULL, 'prizewinner', NULL);
        """

    /// A migrated database with the fixture, one per label for the whole run.
    static func database(_ label: String) throws -> PQConfiguration {
        try cache.get(label) {
            let config = try TestDatabase.fresh(label)
            let conn = try PQConnection(config)
            try Migrator().migrate(conn)
            try conn.executeScript(sql)
            return config
        }
    }

    static func connect(_ label: String = "analytics") throws -> PQConnection {
        try PQConnection(try database(label))
    }

    private static let cache = Cache()

    private final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var configs: [String: PQConfiguration] = [:]
        func get(_ label: String, _ make: () throws -> PQConfiguration) throws -> PQConfiguration {
            try lock.withLock {
                if let config = configs[label] { return config }
                let config = try make()
                configs[label] = config
                return config
            }
        }
    }
}
