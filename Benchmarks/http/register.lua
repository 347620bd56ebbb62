-- wrk script: every request registers a new team of four pupils (POST /v1/applications) with its own
-- Idempotency-Key, team name and people, for one of the benchmark's schools and events.
--   wrk ... -s register.lua URL -- TOKENS_FILE EVENTS PHASE [POPULAR]
-- TOKENS_FILE: lines "organisation_id token"; EVENTS: comma-separated event ids; PHASE: a number that
-- keeps this run's keys and people apart from other runs'. POPULAR (optional): how many shared
-- pupils half of the requests put in their team, so that registrations race for the same people.
-- At the end it prints one line "RESULT {json}" with counts per status and latency percentiles.

local threads = {}
local next_thread = 1

function setup(thread)
    thread:set("thread_no", next_thread)
    next_thread = next_thread + 1
    table.insert(threads, thread)
end

-- Surnames get a suffix of Cyrillic letters that spells the request's number: unique, and still a name.
local letters = { "а", "б", "в", "г", "д", "е", "ж", "з", "и", "к", "л", "м", "н", "о", "п", "р",
                  "с", "т", "у", "ф", "х", "ц", "ч", "ш", "щ", "э", "ю", "я", "ы", "й", "ь", "ъ" }
local function spell(n)
    local out = {}
    repeat
        out[#out + 1] = letters[(n % 32) + 1]
        n = math.floor(n / 32)
    until n == 0
    return table.concat(out)
end

local surnames = { "Иванов", "Петрова", "Сидоров", "Кузнецова" }
local given = { "Иван", "Мария", "Пётр", "Анна" }
local schools, events, phase, popular = {}, {}, 0, 0
local counter = 0
-- Global, not local: done() reads it from each thread with thread:get.
statuses = {}
local this_year = tonumber(os.date("!%Y"))

function init(args)
    for line in io.lines(args[1]) do
        local org, token = line:match("^(%d+)%s+(%S+)$")
        if org then schools[#schools + 1] = { org = org, auth = "Bearer " .. token } end
    end
    for id in string.gmatch(args[2], "%d+") do events[#events + 1] = id end
    phase = tonumber(args[3])
    popular = tonumber(args[4] or "0")
    math.randomseed(phase * 1000 + thread_no)
end

local function member(last, first, grade, day)
    return string.format(
        '{"lastName":"%s","firstName":"%s","birthDate":"%d-%02d-%02d","kind":"pupil","grade":%d,"consent":true}',
        last, first, this_year - 6 - grade, 1 + day % 12, 1 + day % 28, grade)
end

function request()
    counter = counter + 1
    -- Unique across threads and phases; spread over schools and events by different strides.
    local n = (phase * 64 + thread_no) * 10000000 + counter
    local school = schools[(n * 7 % #schools) + 1]
    local event = events[(n % #events) + 1]
    local grade = 5 + n % 5
    local suffix = spell(n)
    local members = {}
    for i = 1, 4 do
        members[i] = member(surnames[i] .. "-" .. suffix, given[i], grade, n + i)
    end
    if popular > 0 and math.random() < 0.5 then
        -- One of a few shared pupils: at most one active application of an event may name them.
        -- A pupil belongs to one school (matching is per organisation), so that school sends them.
        local p = math.random(popular)
        school = schools[(p % #schools) + 1]
        members[4] = member("Общий-" .. spell(p), "Участник", 7, p)
    end
    local body = string.format(
        '{"eventId":%s,"organisationId":%s,"teamName":"Команда %s","responsible":{"name":"Учитель %s","email":"t%d@example.org"},"members":[%s]}',
        event, school.org, suffix, suffix, n, table.concat(members, ","))
    return wrk.format("POST", "/v1/applications", {
        ["Authorization"] = school.auth,
        ["Content-Type"] = "application/json",
        ["Idempotency-Key"] = "bench-" .. n,
    }, body)
end

function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
    -- Keep one refusal's body of each status for the report (no personal data: generated names only).
    if status >= 300 and not statuses["body" .. status] then statuses["body" .. status] = body:sub(1, 300) end
end

function done(summary, latency, requests)
    local total, bodies = {}, {}
    for _, thread in ipairs(threads) do
        for status, value in pairs(thread:get("statuses")) do
            if type(value) == "number" then
                total[status] = (total[status] or 0) + value
            else
                bodies[status] = value
            end
        end
    end
    local parts = {}
    for status, count in pairs(total) do parts[#parts + 1] = string.format('"%s":%d', status, count) end
    local samples = {}
    for status, body in pairs(bodies) do
        samples[#samples + 1] = string.format('"%s":"%s"', status, body:gsub('\\', '\\\\'):gsub('"', '\\"'))
    end
    io.write(string.format(
        'RESULT {"duration_us":%d,"requests":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
        '"statuses":{%s},"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f},"samples":{%s}}\n',
        summary.duration, summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
        summary.errors.status, summary.errors.timeout, table.concat(parts, ","),
        latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
        table.concat(samples, ",")))
end
