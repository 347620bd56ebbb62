-- wrk script: registrations of one new pupil each, through the web form or through the API, so the two can be
-- compared in one run (Benchmarks/web/run).
--   wrk ... -s register.lua URL -- MODE SESSIONS_FILE EVENT PHASE
-- MODE "form": each registration is the coordinator's full round: GET /events/EVENT/register (the form), then
--   POST it with the form token, a fresh idempotency key and the new pupil; SESSIONS_FILE lines are
--   "organisation_id session_cookie form_token". Success is the 303 to the confirmation page.
-- MODE "api": each registration is one POST /v1/applications with the same pupil; lines are
--   "organisation_id token". Success is 201.
-- Prints "RESULT {json}" with registrations completed, statuses and latency.

local threads = {}
local next_thread = 1

function setup(thread)
    thread:set("thread_no", next_thread)
    next_thread = next_thread + 1
    table.insert(threads, thread)
end

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

local function urlencode(s)
    return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local mode, schools, event, phase = "form", {}, "0", 0
local counter = 0
local pending_post = false
statuses = {}
completed = 0
local this_year = tonumber(os.date("!%Y"))

function init(args)
    mode = args[1]
    for line in io.lines(args[2]) do
        local org, a, b = line:match("^(%d+)%s+(%S+)%s*(%S*)$")
        if org then schools[#schools + 1] = { org = org, secret = a, csrf = b } end
    end
    event = args[3]
    phase = tonumber(args[4])
end

local function pupil(n)
    return "Иванов-" .. spell(n), "Иван", string.format("%d-%02d-%02d", this_year - 12, 1 + n % 12, 1 + n % 28)
end

function request()
    local school = schools[((thread_no + counter) % #schools) + 1]
    if mode == "form" and not pending_post then
        pending_post = true
        return wrk.format("GET", "/events/" .. event .. "/register", { ["Cookie"] = "sn_session=" .. school.secret })
    end
    pending_post = false
    counter = counter + 1
    local n = (phase * 64 + thread_no) * 10000000 + counter
    local last, first, birth = pupil(n)
    if mode == "form" then
        local fields = {
            "_csrf=" .. urlencode(school.csrf), "idempotency_key=bench-" .. n, "team_name=",
            "responsible_name=" .. urlencode("Учитель " .. spell(n)), "responsible_email=t" .. n .. "%40example.org",
            "new_last_name=" .. urlencode(last), "new_first_name=" .. urlencode(first), "new_birth_date=" .. birth,
            "new_grade=6", "new_consent=on",
        }
        return wrk.format("POST", "/events/" .. event .. "/register", {
            ["Cookie"] = "sn_session=" .. school.secret,
            ["Content-Type"] = "application/x-www-form-urlencoded",
        }, table.concat(fields, "&"))
    end
    local body = string.format(
        '{"eventId":%s,"organisationId":%s,"responsible":{"name":"Учитель %s","email":"t%d@example.org"},' ..
        '"members":[{"lastName":"%s","firstName":"%s","birthDate":"%s","kind":"pupil","grade":6,"consent":true}]}',
        event, school.org, spell(n), n, last, first, birth)
    return wrk.format("POST", "/v1/applications", {
        ["Authorization"] = "Bearer " .. school.secret,
        ["Content-Type"] = "application/json",
        ["Idempotency-Key"] = "bench-" .. n,
    }, body)
end

function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
    if (mode == "form" and status == 303) or (mode == "api" and status == 201) then completed = completed + 1 end
    if status >= 400 and not statuses["body" .. status] then statuses["body" .. status] = body:sub(1, 300) end
end

function done(summary, latency, requests)
    local total, bodies, done_count = {}, {}, 0
    for _, thread in ipairs(threads) do
        done_count = done_count + thread:get("completed")
        for status, value in pairs(thread:get("statuses")) do
            if type(value) == "number" then total[status] = (total[status] or 0) + value else bodies[status] = value end
        end
    end
    local parts = {}
    for status, count in pairs(total) do parts[#parts + 1] = string.format('"%s":%d', status, count) end
    local samples = {}
    for status, body in pairs(bodies) do
        samples[#samples + 1] = string.format('"%s":"%s"', status, body:gsub('\\', '\\\\'):gsub('"', '\\"'):gsub('\n', ' '))
    end
    io.write(string.format(
        'RESULT {"duration_us":%d,"requests":%d,"completed":%d,"statuses":{%s},"latency_us":{"p50":%d,"p99":%d},"samples":{%s}}\n',
        summary.duration, summary.requests, done_count, table.concat(parts, ","),
        latency:percentile(50), latency:percentile(99), table.concat(samples, ",")))
end
