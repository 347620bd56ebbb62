"""The browser suite of issue 13: headless Chromium drives the pages as a school coordinator would.

Run by scripts/test-browser (and so by scripts/test): it seeds through the CLI, serves on a free loopback port, and
runs the steps below in order. A step fails loudly (what the page showed, a screenshot under /tmp); the steps after it
in its chain are not run and count as failed. A step that needs a page listed in stack.PENDING_PAGES is skipped and
counted as skipped, never as passed. Exit status 0 only if something passed and nothing failed.
"""

import os
import re
import sys
import time
import traceback

from selenium.webdriver.common.by import By

import flows
from flows import Refused, expect, one
from stack import NARROW, PENDING_PAGES, Stack, chromium, scroll_width, visible_text

SHOTS = os.environ.get("SCHOOLNET_BROWSER_FAILURES", "/tmp/schoolnet-browser-failures")


class Suite:
    def __init__(self, stack, seed):
        self.stack, self.seed = stack, seed
        self.steps = []
        self.passed, self.failed, self.skipped = [], [], []
        self.broken_chains = {}
        self.drivers = {}
        self.state = {}

    def step(self, name, chain, needs=()):
        def register(fn):
            self.steps.append((name, chain, set(needs), fn))
            return fn
        return register

    def driver(self, who):
        if who not in self.drivers:
            self.drivers[who] = chromium()
        return self.drivers[who]

    def narrow(self, who, page):
        """One check of its own: `page`, as the browser of `who` shows it now, does not scroll sideways at 360 px."""
        name = f"360 px: {page} has no sideways scroll"
        driver = self.drivers[who]
        try:
            width = scroll_width(driver, NARROW)
            expect(width <= NARROW, f"document.documentElement.scrollWidth is {width} at {NARROW} px")
        except Exception as e:  # a check of its own: it fails, the chain goes on
            self.fail(name, e, driver)
        else:
            self.ok(name)

    def ok(self, name, note=""):
        self.passed.append(name)
        print(f"  PASS  {name}{'  (' + note + ')' if note else ''}", flush=True)

    def fail(self, name, error, driver=None):
        self.failed.append(name)
        print(f"  FAIL  {name}\n        {type(error).__name__}: {error}", flush=True)
        if not isinstance(error, Refused):
            print("".join(traceback.format_exception(error)).rstrip().replace("\n", "\n        "))
        if driver is not None:
            os.makedirs(SHOTS, exist_ok=True)
            shot = os.path.join(SHOTS, f"{len(self.failed):02d}-{re.sub(r'[^a-z0-9]+', '-', name.lower())[:60]}.png")
            try:
                print(f"        at {driver.current_url} «{driver.title}»")
                print("        the page showed: " + visible_text(driver).replace("\n", " | "))
                driver.save_screenshot(shot)
                print(f"        screenshot: {shot}")
            except Exception as e:
                print(f"        (no page to show: {e})")
        tail = self.stack.log_tail(8).strip()
        if tail:
            print("        server log (last lines):\n          " + tail.replace("\n", "\n          "))

    def skip(self, name, why):
        self.skipped.append(name)
        print(f"  SKIP  {name}  ({why})", flush=True)

    def run(self):
        for name, chain, needs, fn in self.steps:
            pending = sorted(needs & PENDING_PAGES)
            if pending:
                self.skip(name, f"needs the {', '.join(pending)} page{'s' if len(pending) > 1 else ''}, not on this branch yet")
                continue
            if chain in self.broken_chains:  # counted as failed: it did not pass
                self.failed.append(name)
                print(f"  FAIL  {name}  (not run: “{self.broken_chains[chain]}” failed before it)", flush=True)
                continue
            started = time.monotonic()
            try:
                note = fn(self)
            except Exception as e:
                self.fail(name, e, self.drivers.get(chain))
                self.broken_chains[chain] = name
            else:
                self.ok(name, (note or "") + f"{'; ' if note else ''}{time.monotonic() - started:.1f} s")

    def close(self):
        for driver in self.drivers.values():
            try:
                driver.quit()
            except Exception:
                pass


def scenario(s: Suite):
    base, seed = s.stack.base, s.seed
    a, b = seed.coordinators["a"], seed.coordinators["b"]
    sixth_a = [p for p in seed.pupils_a if p.klass == "6А"]  # seven
    eighth = next(p for p in seed.pupils_a if p.klass == "6Б")
    team = "Быстрые и смелые"

    @s.step("the pages listed as not yet on this branch are indeed missing", "setup")
    def pending_pages_are_missing(s):
        present = sorted(p for p in PENDING_PAGES if s.stack.page_present(p, seed))
        expect(not present, f"{', '.join(present)} answer now: remove them from PENDING_PAGES in Tests/Browser/stack.py so their steps run")
        return f"pending: {', '.join(sorted(PENDING_PAGES)) or 'none'}"

    @s.step("the stylesheet closes every block it opens (an unclosed @media hides the rules after it at other widths)", "setup")
    def stylesheet_balanced(s):
        code, css = s.stack.status("/static/site.css")
        expect(code == 200, f"/static/site.css answered {code}")
        css = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), css, flags=re.S)
        css = re.sub(r"\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'", '""', css)
        open_at = []
        for number, line in enumerate(css.splitlines(), 1):
            for ch in line:
                if ch == "{":
                    open_at.append((number, line.strip()))
                elif ch == "}":
                    expect(open_at, f"line {number} closes a block that was never opened")
                    open_at.pop()
        expect(not open_at, "unclosed: " + "; ".join(f"line {n}: {text[:60]}" for n, text in open_at))

    # Coordinator A, from the invitation to the withdrawal -----------------------------------------------------------
    @s.step("coordinator A opens the one-time invitation link from the received mail, sets a password and is signed in", "a")
    def invitation(s):
        d = s.driver("a")
        if a.link is None:  # mailed (the SMTP sink runs): the link comes from the newest mail to A, not from a screen
            a.link = s.stack.mailed_link(a.email, "/account/invitation/")
        flows.open_invitation(d, a)
        s.narrow("a", "invitation page")
        flows.accept_invitation(d, base, a)
        s.narrow("a", "account page")

    @s.step("the invitation link works only once", "a")
    def invitation_once(s):
        d = s.driver("a")
        d.get(a.link)
        expect(not d.find_elements(By.CSS_SELECTOR, "input#password"), "the used link still offers the password form")
        expect(d.find_elements(By.TAG_NAME, "h1"), "the used link shows no heading")

    @s.step("the public catalogue lists the event with its places left", "a", needs={"catalogue"})
    def catalogue_before(s):
        d = s.driver("a")
        s.state["places"] = flows.places_left(d, base, seed.event_id)
        expect(s.state["places"] == seed.capacity, f"places left {s.state['places']}, the event has {seed.capacity} and no application")
        s.narrow("a", "catalogue")
        return f"{s.state['places']} places left"

    @s.step("the event page shows places left and leads a signed-in coordinator to the registration form", "a",
            needs={"event", "register"})
    def event_page(s):
        d = s.driver("a")
        d.get(f"{base}/events/{seed.event_id}")
        expect(seed.event_title in one(d, "h1").text, f"the event page's heading is {one(d, 'h1').text!r}")
        expect(int(one(d, "span.places-left").get_attribute("data-places-left")) == seed.capacity, "the event page shows other places left")
        s.narrow("a", "event page")
        flows.open_registration(d, base, seed.event_id)
        s.narrow("a", "registration form")

    @s.step("the form names the coordinator as the responsible teacher and lists the school's classes", "a", needs={"register"})
    def form_prefilled(s):
        d = s.driver("a")
        if not d.find_elements(By.CSS_SELECTOR, "form#registration-form"):  # the event page's step was skipped
            d.get(f"{base}/events/{seed.event_id}/register")
            s.narrow("a", "registration form")
        responsible = one(d, "form#registration-form [name=responsible_name]").get_attribute("value")
        expect(responsible == a.name, f"responsible teacher prefilled as {responsible!r}, not {a.name!r}")
        classes = [re.sub(r"[^0-9А-ЯЁ]", "", o.text.upper()) for o in d.find_elements(By.CSS_SELECTOR, "select[name=class] option")]
        expect(any(c.startswith("6А") for c in classes) and any(c.startswith("6Б") for c in classes),
               f"the class filter offers {classes}")
        names = " ".join(l.text for l in d.find_elements(By.CSS_SELECTOR, "#people label"))
        expect(seed.school_b not in names and "Никитина" not in names, "school B's pupils are in school A's list")

    @s.step("seven sixth-graders picked from the class list, an eighth added: refused at the members field", "a",
            needs={"register"})
    def eighth_refused(s):
        d = s.driver("a")
        flows.fill_team(d, team, sixth_a + [eighth])
        expect(len(flows.ticked(d)) == 8, f"{len(flows.ticked(d))} ticked, not 8")
        flows.submit_registration(d)
        expect("/register" in flows.path(d, base), f"an eight-member team went through to {d.current_url}")
        summary = one(d, "#form-errors.alert[role=alert]", "the refusal summary")
        at_field = one(d, "p.error#members-error", "the refusal next to the members")
        expect(at_field.is_displayed() and at_field.text.strip(), "the members' refusal is empty or hidden")
        expect("7" in at_field.text, f"the refusal does not say the limit (7): {at_field.text!r}")
        expect(at_field.text.strip() in summary.text, "the summary does not repeat the field's refusal")
        expect(len(flows.ticked(d)) == 8, "the refused form lost the ticked members")
        kept = one(d, "form#registration-form [name=team_name]").get_attribute("value")
        expect(kept == team, f"the refused form lost the team name ({kept!r})")
        s.narrow("a", "refused registration form")
        return at_field.text.strip()[:80]

    @s.step("without the eighth the application goes through to its confirmation", "a", needs={"register", "application"})
    def registered(s):
        d = s.driver("a")
        flows.member_box(d, eighth).click()
        expect(len(flows.ticked(d)) == 7, f"{len(flows.ticked(d))} ticked after removing the eighth")
        flows.submit_registration(d)
        s.state["application"] = app = flows.application_id(d, base)
        expect(team in one(d, "h1").text, f"the confirmation's heading is {one(d, 'h1').text!r}")
        expect(one(d, ".status").text.strip(), "the confirmation shows no status")
        text = one(d, "main").text
        missing = [p.last for p in sixth_a if p.last not in text]
        expect(not missing, f"the confirmation does not list {missing}")
        expect(eighth.last not in text, f"{eighth.last} is listed though removed")
        one(d, "form#withdraw-form button#withdraw", "the withdraw button")
        s.narrow("a", "confirmation page")
        return f"application {app}"

    @s.step("the school page lists the application with its status", "a", needs={"school", "application"})
    def school_page(s):
        d = s.driver("a")
        d.get(base + "/school")
        row = one(d, f"table#applications tr[data-application-id='{s.state['application']}']", "the application's row")
        expect(team in row.text and seed.event_title in row.text, f"the row reads {row.text!r}")
        s.state["status_active"] = one(d, f"tr[data-application-id='{s.state['application']}'] td.status").text.strip()
        expect(s.state["status_active"], "the row's status is empty")
        one(d, f"tr[data-application-id='{s.state['application']}'] a[href='/applications/{s.state['application']}']")
        s.narrow("a", "school page")

    @s.step("the application is edited: an eighth member refused at the members field, then the team renamed and saved", "a",
            needs={"application"})
    def edited(s):
        d = s.driver("a")
        app = s.state["application"]
        d.get(f"{base}/applications/{app}")
        flows.submit_and_wait(d, one(d, "a#edit", "the edit link on the application page"))
        form = one(d, "form#registration-form", "the edit form")
        expect(form.get_attribute("action").endswith(f"/applications/{app}/edit"), f"the edit form posts to {form.get_attribute('action')}")
        kept = form.find_element(By.NAME, "team_name").get_attribute("value")
        expect(kept == team, f"the edit form is not prefilled with the team name ({kept!r})")
        expect(len(flows.ticked(d)) == 7, f"the edit form ticks {len(flows.ticked(d))} members, not the seven")
        flows.pick(d, eighth)
        flows.submit_registration(d)
        expect(flows.path(d, base).endswith("/edit"), f"an eight-member edit went through to {d.current_url}")
        at_field = one(d, "p.error#members-error", "the refusal next to the members")
        expect("7" in at_field.text, f"the edit's refusal does not say the limit (7): {at_field.text!r}")
        expect(at_field.text.strip() in one(d, "#form-errors.alert[role=alert]").text, "the summary does not repeat the refusal")
        flows.member_box(d, eighth).click()
        flows.fill(one(d, "form#registration-form [name=team_name]"), team + " (обновлено)")
        consent = d.find_elements(By.CSS_SELECTOR, "input#consent_picked")
        if consent and not consent[0].is_selected():
            consent[0].click()
        flows.submit_registration(d)
        flows.arrive(d, base, lambda p: p == f"/applications/{app}", "the application page after the edit")
        expect("(обновлено)" in one(d, "h1").text, f"the application's heading after the edit is {one(d, 'h1').text!r}")
        expect(eighth.last not in one(d, "main").text, f"{eighth.last} is a member after the refused edit")
        return "refused, then saved"

    @s.step("a visitor switches the site to English: the catalogue and an event page in English, and back", "english",
            needs={"catalogue", "event"})
    def english(s):
        d = s.driver("english")
        d.get(base + "/")
        expect(one(d, "html").get_attribute("lang") == "ru", "a visitor's first page is not in Russian")
        switch = one(d, "header nav a[hreflang=en]", "the language switch")
        expect(switch.text.strip() == "English", f"the switch reads {switch.text!r}")
        flows.submit_and_wait(d, switch)
        expect(one(d, "html").get_attribute("lang") == "en", "the page after the switch is not in English")
        expect(flows.path(d, base) == "/", f"the switch left the catalogue for {d.current_url}")
        nav = one(d, "header nav").text
        expect("Sign in" in nav or "Log in" in nav, f"the navigation is not in English: {nav!r}")
        d.get(f"{base}/events/{seed.event_id}")
        expect(one(d, "html").get_attribute("lang") == "en", "the event page forgot the chosen language")
        text = one(d, "main").text
        expect("Registration" in text or "registration" in text, f"the event page reads no English: {text[:200]!r}")
        flows.submit_and_wait(d, one(d, "header nav a[hreflang=ru]", "the switch back"))
        expect(one(d, "html").get_attribute("lang") == "ru", "the switch back did not give Russian")
        return "en and back"

    @s.step("the catalogue and the event page show one place fewer", "a", needs={"catalogue", "event", "application"})
    def one_place_fewer(s):
        d = s.driver("a")
        left = flows.places_left(d, base, seed.event_id)
        expect(left == seed.capacity - 1, f"the catalogue shows {left} places left, not {seed.capacity - 1}")
        d.get(f"{base}/events/{seed.event_id}")
        on_page = int(one(d, "span.places-left").get_attribute("data-places-left"))
        expect(on_page == seed.capacity - 1, f"the event page shows {on_page} places left")
        return f"{left} places left"

    @s.step("coordinator B (another school): 404 on A's application, not on B's school page, cannot withdraw it", "b",
            needs={"school", "application"})
    def other_school(s):
        d = s.driver("b")
        flows.accept_invitation(d, base, b)
        app = s.state["application"]
        d.get(f"{base}/applications/{app}")
        expect(flows.error_status(d) == 404, f"B sees A's application page (status shown: {flows.error_status(d)})")
        expect(team not in d.page_source, "B's 404 page names A's team")
        d.get(base + "/school")
        expect(not d.find_elements(By.CSS_SELECTOR, f"tr[data-application-id='{app}']"), "B's school page lists A's application")
        # A forged withdrawal with B's own form token: the service's not_found, nothing withdrawn.
        csrf = one(d, "input[name=_csrf]").get_attribute("value")
        flows.mark_page(d)
        d.execute_script(
            "var f = document.createElement('form'); f.method = 'post'; f.action = arguments[0];"
            "var i = document.createElement('input'); i.type = 'hidden'; i.name = '_csrf'; i.value = arguments[1];"
            "f.appendChild(i); document.body.appendChild(f); f.submit();", f"/applications/{app}/withdraw", csrf)
        flows.wait_for_next_page(d)
        expect(flows.error_status(d) == 404, f"B's withdrawal of A's application answered {flows.error_status(d)}, not 404")
        da = s.driver("a")
        da.get(f"{base}/applications/{app}")
        expect(da.find_elements(By.CSS_SELECTOR, "form#withdraw-form"), "A's application can no longer be withdrawn after B's attempt")

    @s.step("coordinator A withdraws the application: withdrawn on its page and on the school page", "a",
            needs={"school", "application"})
    def withdraw(s):
        d = s.driver("a")
        app = s.state["application"]
        d.get(f"{base}/applications/{app}")
        flows.submit_and_wait(d, one(d, "button#withdraw"))
        flows.arrive(d, base, lambda p: not p.endswith("/withdraw"), "the page a withdrawal redirects to")
        d.get(f"{base}/applications/{app}")
        status = one(d, ".status").text.strip()
        expect(status and status != s.state.get("status_active"), f"the status after withdrawing is {status!r}, as before")
        expect(not d.find_elements(By.CSS_SELECTOR, "form#withdraw-form"), "a withdrawn application still offers withdrawal")
        d.get(base + "/school")
        row_status = one(d, f"tr[data-application-id='{app}'] td.status").text.strip()
        expect(row_status == status, f"the school page says {row_status!r}, the application page {status!r}")
        return status

    @s.step("the catalogue gives the place back after the withdrawal", "a", needs={"catalogue", "application"})
    def place_back(s):
        left = flows.places_left(s.driver("a"), base, seed.event_id)
        expect(left == seed.capacity, f"the catalogue shows {left} places left after the withdrawal, not {seed.capacity}")

    # Keyboard only ----------------------------------------------------------------------------------------------------
    @s.step("keyboard only: Tab to the e-mail field, type, Tab, type the password, Enter: signed in", "keyboard")
    def keyboard(s):
        d = s.driver("keyboard")
        who = seed.coordinators["keyboard"]
        flows.accept_invitation(d, base, who)
        flows.logout(d)
        presses = flows.login_by_keyboard(d, base, who.email)
        return f"{presses} presses of Tab to the e-mail field"

    # A phone, 360 px wide: pages nobody is signed in to -----------------------------------------------------------
    @s.step("signed out, on a phone: the login page", "phone")
    def narrow_login(s):
        d = s.driver("phone")
        d.get(base + "/login")
        s.narrow("phone", "login page")

    @s.step("signed out, on a phone: the event page and its results", "phone", needs={"event", "results"})
    def narrow_public(s):
        d = s.driver("phone")
        d.get(f"{base}/events/{seed.event_id}")
        expect(seed.event_title in one(d, "h1").text, f"the event page's heading is {one(d, 'h1').text!r}")
        expect(not d.find_elements(By.CSS_SELECTOR, "a#register"), "a visitor who is not signed in is offered the registration form")
        s.narrow("phone", "event page (signed out)")
        d.get(f"{base}/events/{seed.results_event_id}/results")
        rows = d.find_elements(By.CSS_SELECTOR, "main table tbody tr")
        expect(len(rows) == 2, f"the published results show {len(rows)} rows, two were recorded")
        s.narrow("phone", "results page")


def main():
    started = time.monotonic()
    stack = Stack()
    suite = None
    try:
        print(f"browser suite: serving {stack.bin} on a throwaway database, seeding through the CLI", flush=True)
        stack.start_mail()
        stack.serve()
        seed = stack.seed()
        print(f"browser suite: server {stack.base} (pid {stack.server.pid}), Chromium headless", flush=True)
        suite = Suite(stack, seed)
        scenario(suite)
        suite.run()
    except Exception as e:
        print(f"browser suite: could not run: {type(e).__name__}: {e}", flush=True)
        traceback.print_exc()
        return 1
    finally:
        if suite:
            suite.close()
        stack.close()
    elapsed = time.monotonic() - started
    print(f"browser suite: {elapsed:.0f} s; skipped steps need pages not on this branch yet" if suite.skipped else
          f"browser suite: {elapsed:.0f} s")
    print(f"{len(suite.passed)} passed, {len(suite.failed)} failed, {len(suite.skipped)} skipped")
    return 0 if suite.passed and not suite.failed else 1


if __name__ == "__main__":
    sys.exit(main())
