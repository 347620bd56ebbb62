/*
 * The raw libpq peer of SchoolNet's benchmarks: the same work as bench-pq and bench-nio,
 * written the way a careful C programmer would (prepared statements, binary parameters and
 * results, single-row mode to stream), so that it is the yardstick the Swift peers are held to.
 *
 *   bench_libpq WORKLOAD DATABASE_URL [SIZE] [CSV_FILE]
 *   bench_libpq gen-csv FILE ROWS          (writes the CSV that the copy workload loads)
 *
 * WORKLOAD: roundtrip | decode | copy | copy_text | pool. It prints one line, e.g.
 *   peer=libpq workload=roundtrip ops=20000 seconds=1.234 peak_mb=5.1
 *
 * Build: cc -O2 -o bench_libpq bench_libpq.c $(pkg-config --cflags --libs libpq) -lpthread
 */
#include <arpa/inet.h>
#include <errno.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define DECODE_SQL                                                                      \
    "SELECT i::int4, 'student ' || i::text, "                                          \
    "timestamptz '2020-01-01 00:00:00+00' + i * interval '1 second', "                 \
    "(i % 100000) * 0.01 "                                                      \
    "FROM generate_series(1, $1::int4) AS i"
#define POOL_SQL "SELECT id, full_name, grade FROM bench_student WHERE id = $1"
#define POOL_TASKS 16
#define POOL_STUDENTS 1000

static void die(const char *what, PGconn *conn) {
    fprintf(stderr, "bench_libpq: %s: %s\n", what, conn ? PQerrorMessage(conn) : strerror(errno));
    exit(1);
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of the whole process (all threads), user + system, in seconds. */
static double cpu_seconds(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
           (double)ru.ru_stime.tv_usec / 1e6;
}

/* VmHWM: the peak resident set size of this process, in MiB. */
static double peak_mb(void) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    double kb = 0;
    if (!f) return 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "VmHWM:", 6) == 0) { kb = atof(line + 6); break; }
    fclose(f);
    return kb / 1024.0;
}

static void report(const char *workload, long ops, double seconds, double cpu) {
    printf("peer=libpq workload=%s ops=%ld seconds=%.6f cpu_seconds=%.6f peak_mb=%.1f\n", workload, ops, seconds, cpu,
           peak_mb());
    fflush(stdout);
}

static PGconn *connect_or_die(const char *url) {
    PGconn *conn = PQconnectdb(url);
    if (PQstatus(conn) != CONNECTION_OK) die("connect", conn);
    return conn;
}

static void exec_or_die(PGconn *conn, const char *sql) {
    PGresult *res = PQexec(conn, sql);
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) die(sql, conn);
    PQclear(res);
}

static void prepare_or_die(PGconn *conn, const char *name, const char *sql, Oid type) {
    PGresult *res = PQprepare(conn, name, sql, 1, &type);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) die("prepare", conn);
    PQclear(res);
}

static int32_t read_int4(const char *p) {
    uint32_t v;
    memcpy(&v, p, 4);
    return (int32_t)ntohl(v);
}

static int16_t read_int2(const char *p) {
    uint16_t v;
    memcpy(&v, p, 2);
    return (int16_t)ntohs(v);
}

static int64_t read_int8(const char *p) {
    uint32_t hi, lo;
    memcpy(&hi, p, 4);
    memcpy(&lo, p + 4, 4);
    return (int64_t)(((uint64_t)ntohl(hi) << 32) | ntohl(lo));
}

/* One binary int4 parameter to a prepared statement; binary results. */
static PGresult *exec_int_param(PGconn *conn, const char *stmt, int32_t value) {
    uint32_t be = htonl((uint32_t)value);
    const char *values[1] = {(const char *)&be};
    int lengths[1] = {4}, formats[1] = {1};
    return PQexecPrepared(conn, stmt, 1, values, lengths, formats, 1);
}

/* ---- 1. round trips: prepared SELECT $1::int, one at a time ---- */
static void bench_roundtrip(const char *url, long n) {
    PGconn *conn = connect_or_die(url);
    prepare_or_die(conn, "rt", "SELECT $1::int", 23);
    long checksum = 0;
    for (int i = 0; i < 200; i++) PQclear(exec_int_param(conn, "rt", i)); /* warm-up */
    double t0 = now_seconds(), c0 = cpu_seconds();
    for (long i = 0; i < n; i++) {
        PGresult *res = exec_int_param(conn, "rt", (int32_t)i);
        if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1) die("roundtrip", conn);
        checksum += read_int4(PQgetvalue(res, 0, 0));
        PQclear(res);
    }
    double t1 = now_seconds(), c1 = cpu_seconds();
    if (checksum != n * (n - 1) / 2) { fprintf(stderr, "bench_libpq: roundtrip checksum %ld\n", checksum); exit(1); }
    report("roundtrip", n, t1 - t0, c1 - c0);
    PQfinish(conn);
}

/* ---- 2. decode: stream rows of (int4, text, timestamptz, numeric) into C values ---- */
struct row {
    int32_t id;
    char name[64];
    int64_t at_us;      /* microseconds since 2000-01-01 UTC */
    int64_t unscaled;   /* numeric as unscaled integer ... */
    int16_t scale;      /* ... and its decimal scale */
};

/* PostgreSQL's binary numeric: ndigits, weight, sign, dscale, then base-10000 digits. */
static void decode_numeric(const char *p, int len, struct row *r) {
    int16_t ndigits = read_int2(p), weight = read_int2(p + 2), dscale = read_int2(p + 6);
    uint16_t sign = (uint16_t)read_int2(p + 4);
    int64_t v = 0;
    (void)len;
    /* Digits cover 10000^weight down to 10000^(weight-ndigits+1); bring to 10^-dscale. */
    int last_power = weight - ndigits + 1; /* exponent (base 10000) of the last digit */
    for (int i = 0; i < ndigits; i++) v = v * 10000 + read_int2(p + 8 + 2 * i);
    int shift10 = 4 * last_power + dscale;  /* multiply by 10^shift10 */
    for (; shift10 > 0; shift10--) v *= 10;
    for (; shift10 < 0; shift10++) v /= 10;
    r->unscaled = (sign == 0x4000) ? -v : v;
    r->scale = dscale;
}

static void bench_decode(const char *url, long n) {
    PGconn *conn = connect_or_die(url);
    prepare_or_die(conn, "dec", DECODE_SQL, 23);
    struct row r;
    long rows = 0, checksum = 0;
    double t0 = now_seconds(), c0 = cpu_seconds();
    uint32_t be = htonl((uint32_t)n);
    const char *values[1] = {(const char *)&be};
    int lengths[1] = {4}, formats[1] = {1};
    if (!PQsendQueryPrepared(conn, "dec", 1, values, lengths, formats, 1)) die("send", conn);
    if (!PQsetSingleRowMode(conn)) die("single-row mode", conn);
    PGresult *res;
    while ((res = PQgetResult(conn)) != NULL) {
        ExecStatusType st = PQresultStatus(res);
        if (st == PGRES_SINGLE_TUPLE) {
            r.id = read_int4(PQgetvalue(res, 0, 0));
            int len = PQgetlength(res, 0, 1);
            if (len > (int)sizeof r.name - 1) len = sizeof r.name - 1;
            memcpy(r.name, PQgetvalue(res, 0, 1), (size_t)len);
            r.name[len] = 0;
            r.at_us = read_int8(PQgetvalue(res, 0, 2));
            decode_numeric(PQgetvalue(res, 0, 3), PQgetlength(res, 0, 3), &r);
            checksum += r.id + (long)r.name[len - 1] + r.unscaled + (r.at_us & 1);
            rows++;
        } else if (st != PGRES_TUPLES_OK) {
            die("decode", conn);
        }
        PQclear(res);
    }
    double t1 = now_seconds(), c1 = cpu_seconds();
    if (rows != n) { fprintf(stderr, "bench_libpq: decode got %ld rows\n", rows); exit(1); }
    if (checksum == 42) putchar(' '); /* keep the decoding observable */
    report("decode", rows, t1 - t0, c1 - c0);
    PQfinish(conn);
}

/* ---- 3. COPY in: stream a CSV file into bench_copy (copy: FORMAT csv; copy_text: FORMAT text) ---- */
static void bench_copy(const char *workload, const char *url, long n, const char *path) {
    PGconn *conn = connect_or_die(url);
    exec_or_die(conn, "TRUNCATE bench_copy");
    FILE *f = fopen(path, "rb");
    if (!f) die(path, NULL);
    static char buf[1 << 16];
    double t0 = now_seconds(), c0 = cpu_seconds();
    int text = strcmp(workload, "copy_text") == 0;
    PGresult *res = PQexec(conn, text ? "COPY bench_copy (id, full_name, birth_date, grade) FROM STDIN (FORMAT text, DELIMITER ',')"
                                      : "COPY bench_copy (id, full_name, birth_date, grade) FROM STDIN (FORMAT csv)");
    if (PQresultStatus(res) != PGRES_COPY_IN) die("copy", conn);
    PQclear(res);
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0)
        if (PQputCopyData(conn, buf, (int)got) != 1) die("copy data", conn);
    if (PQputCopyEnd(conn, NULL) != 1) die("copy end", conn);
    res = PQgetResult(conn);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) die("copy result", conn);
    long loaded = atol(PQcmdTuples(res));
    PQclear(res);
    while ((res = PQgetResult(conn)) != NULL) PQclear(res);
    double t1 = now_seconds(), c1 = cpu_seconds();
    fclose(f);
    if (loaded != n) { fprintf(stderr, "bench_libpq: copy loaded %ld of %ld rows\n", loaded, n); exit(1); }
    report(workload, loaded, t1 - t0, c1 - c0);
    PQfinish(conn);
}

/* ---- 4. pool: 16 threads, each with its own connection, share the queries ---- */
struct worker {
    const char *url;
    long ops;
    long offset;
    PGconn *conn;
    pthread_barrier_t *start;
};

static void *pool_worker(void *arg) {
    struct worker *w = arg;
    PGconn *conn = w->conn;
    pthread_barrier_wait(w->start);
    for (long i = 0; i < w->ops; i++) {
        int32_t id = (int32_t)((w->offset + i) % POOL_STUDENTS) + 1;
        PGresult *res = exec_int_param(conn, "pool", id);
        if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1) die("pool query", conn);
        if (read_int4(PQgetvalue(res, 0, 0)) != id) { fprintf(stderr, "bench_libpq: wrong row\n"); exit(1); }
        PQclear(res);
    }
    return NULL;
}

static void bench_pool(const char *url, long n) {
    struct worker w[POOL_TASKS];
    pthread_t th[POOL_TASKS];
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, POOL_TASKS + 1);
    for (int t = 0; t < POOL_TASKS; t++) {
        w[t].url = url;
        w[t].ops = n / POOL_TASKS + (t < n % POOL_TASKS ? 1 : 0);
        w[t].offset = t * 7919L;
        w[t].conn = connect_or_die(url);
        w[t].start = &start;
        prepare_or_die(w[t].conn, "pool", POOL_SQL, 23);
    }
    for (int t = 0; t < POOL_TASKS; t++) pthread_create(&th[t], NULL, pool_worker, &w[t]);
    double t0 = now_seconds(), c0 = cpu_seconds();
    pthread_barrier_wait(&start);
    for (int t = 0; t < POOL_TASKS; t++) pthread_join(th[t], NULL);
    double t1 = now_seconds(), c1 = cpu_seconds();
    report("pool", n, t1 - t0, c1 - c0);
    for (int t = 0; t < POOL_TASKS; t++) PQfinish(w[t].conn);
}

/* ---- the CSV the copy workload loads: id, Cyrillic full name, birth date, grade ---- */
/* [0] male, [1] female forms. */
static const char *surnames[2][8] = {
    {"Иванов", "Кузнецов", "Соколов", "Козлов", "Морозов", "Волков", "Васильев", "Семёнов"},
    {"Смирнова", "Попова", "Лебедева", "Новикова", "Петрова", "Соловьёва", "Зайцева", "Павлова"}};
static const char *given[2][8] = {
    {"Александр", "Дмитрий", "Максим", "Артём", "Иван", "Михаил", "Фёдор", "Лев"},
    {"Мария", "Анна", "София", "Виктория", "Алиса", "Ульяна", "Ксения", "Дарья"}};
static const char *patronymics[2][8] = {
    {"Сергеевич", "Алексеевич", "Игоревич", "Павлович", "Николаевич", "Петрович", "Юрьевич", "Ильич"},
    {"Андреевна", "Олеговна", "Юрьевна", "Михайловна", "Ильинична", "Сергеевна", "Денисовна", "Фёдоровна"}};

static void gen_csv(const char *path, long rows) {
    FILE *f = fopen(path, "wb");
    if (!f) die(path, NULL);
    uint64_t x = 88172645463325252ULL; /* xorshift64: the same file every time */
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (long i = 1; i <= rows; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        int year = 2008 + (int)(x % 11), month = 1 + (int)((x >> 8) % 12);
        int day = 1 + (int)((x >> 16) % (uint64_t)mdays[month - 1]);
        int grade = 1 + (int)((x >> 24) % 11);
        int g = (int)((x >> 60) & 1);
        fprintf(f, "%ld,%s %s %s,%04d-%02d-%02d,%d\n", i, surnames[g][(x >> 32) & 7], given[g][(x >> 40) & 7],
                patronymics[g][(x >> 48) & 7], year, month, day, grade);
    }
    if (fclose(f) != 0) die(path, NULL);
}

int main(int argc, char **argv) {
    if (argc >= 4 && strcmp(argv[1], "gen-csv") == 0) { gen_csv(argv[2], atol(argv[3])); return 0; }
    if (argc < 3) {
        fprintf(stderr, "usage: bench_libpq roundtrip|decode|copy|copy_text|pool DATABASE_URL [SIZE] [CSV_FILE]\n"
                        "       bench_libpq gen-csv FILE ROWS\n");
        return 2;
    }
    const char *w = argv[1], *url = argv[2];
    if (strcmp(w, "roundtrip") == 0) bench_roundtrip(url, argc > 3 ? atol(argv[3]) : 20000);
    else if (strcmp(w, "decode") == 0) bench_decode(url, argc > 3 ? atol(argv[3]) : 1000000);
    else if (strcmp(w, "copy") == 0 || strcmp(w, "copy_text") == 0) {
        if (argc < 5) { fprintf(stderr, "bench_libpq: copy needs SIZE and CSV_FILE\n"); return 2; }
        bench_copy(w, url, atol(argv[3]), argv[4]);
    } else if (strcmp(w, "pool") == 0) bench_pool(url, argc > 3 ? atol(argv[3]) : 20000);
    else { fprintf(stderr, "bench_libpq: unknown workload %s\n", w); return 2; }
    return 0;
}
