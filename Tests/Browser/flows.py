"""What a person does on the pages, written once for the suite (run.py) and the screenshots (screenshots.py), by the
page contract's ids and field names."""

from selenium.common.exceptions import (
    NoSuchElementException, StaleElementReferenceException, TimeoutException, WebDriverException)
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from stack import PASSWORD


class Refused(AssertionError):
    """What the page showed was not what a person should see."""


def expect(condition, message):
    if not condition:
        raise Refused(message)


def wait(driver, condition, what, seconds=60):
    try:  # a condition that reads the page may meet it mid-navigation: an element gone stale is asked again
        return WebDriverWait(driver, seconds, ignored_exceptions=[StaleElementReferenceException]).until(condition)
    except TimeoutException:
        raise Refused(f"waited {seconds} s for {what}; the browser is at {driver.current_url}") from None


def submit_and_wait(driver, button):
    """Clicks a submit button (or a link) and waits for the next page to replace this one and load."""
    mark_page(driver)
    button.click()
    try:  # a page that asks "are you sure?" (confirm()) is answered yes
        driver.switch_to.alert.accept()
    except Exception:
        pass
    wait_for_next_page(driver)


def mark_page(driver):
    """Marks the page shown now, so `wait_for_next_page` knows when another has replaced it."""
    driver.execute_script("window.__schoolnetOldPage = true")


def wait_for_next_page(driver):
    """Waits until a new document (a new window object, without the mark) has loaded. Asking the page, not an old
    element: chromedriver answers an element of a document being replaced with errors that are not always `stale`."""
    def loaded(d):
        try:
            return d.execute_script(
                "return window.__schoolnetOldPage !== true && document.readyState === 'complete' && !!document.querySelector('main')")
        except WebDriverException:  # between two documents there is briefly nothing to ask
            return False
    wait(driver, loaded, "the next page")


def one(driver, css, what=None):
    try:
        return driver.find_element(By.CSS_SELECTOR, css)
    except NoSuchElementException:
        raise Refused(f"no {what or css} on {driver.current_url}") from None


def path(driver, base):
    """The path of the document the browser shows: asked of the document itself (location.href), as WebDriver's
    current URL can still name the address a form was posted to while its redirect's page is already there."""
    try:
        url = driver.execute_script("return location.href")
    except Exception:
        url = driver.current_url
    return url[len(base):] if url.startswith(base) else url


def arrive(driver, base, predicate, what):
    """Waits until the page's path satisfies `predicate` (a redirect after a POST lands a moment later)."""
    wait(driver, lambda d: predicate(path(d, base)), what)


def error_status(driver):
    """The status an error page shows (`p.lead[data-status]`), or None on any other page."""
    found = driver.find_elements(By.CSS_SELECTOR, "p.lead[data-status]")
    return int(found[0].get_attribute("data-status")) if found else None


def fill(element, text):
    element.clear()
    element.send_keys(text)


# Accounts --------------------------------------------------------------------------------------------------------

def open_invitation(driver, coordinator):
    driver.get(coordinator.link)
    one(driver, "input#password", "password field on the invitation page")


def accept_invitation(driver, base, coordinator):
    """Opens the one-time link, sets the password twice, and lands on the account page, signed in."""
    open_invitation(driver, coordinator)
    fill(one(driver, "input#password"), PASSWORD)
    fill(one(driver, "input#password_repeat"), PASSWORD)
    submit_and_wait(driver, one(driver, "main form button[type=submit]"))
    arrive(driver, base, lambda p: p == "/account", "the account page after setting the password")
    text = one(driver, "main").text
    expect(coordinator.name in text, f"the account page does not name {coordinator.name}")
    expect(coordinator.school in text, f"the account page does not name the school {coordinator.school}")


def logout(driver):
    submit_and_wait(driver, one(driver, "header form[action='/logout'] button", "sign-out button"))


def login_by_keyboard(driver, base, email):
    """Tab from the top of the login page to the e-mail field, type, Tab to the password, type, Enter."""
    driver.get(base + "/login")
    body = one(driver, "body")
    active = lambda: driver.switch_to.active_element  # noqa: E731
    presses = 0
    while active().get_attribute("id") != "email":
        expect(presses < 25, "25 presses of Tab never reached the e-mail field")
        (active() if presses else body).send_keys(Keys.TAB)
        presses += 1
    active().send_keys(email)
    active().send_keys(Keys.TAB)
    expect(active().get_attribute("id") == "password", "Tab from the e-mail field did not reach the password field")
    mark_page(driver)
    active().send_keys(PASSWORD + Keys.ENTER)
    wait_for_next_page(driver)
    arrive(driver, base, lambda p: not p.startswith("/login"), "a page other than the login form after Enter")
    one(driver, "header form[action='/logout']", "sign-out button (signed in)")
    return presses


# Catalogue and registration -------------------------------------------------------------------------------------

def places_left(driver, base, event_id):
    """Places left of the event as the catalogue shows them."""
    driver.get(base + "/")
    item = one(driver, f"#events li.event[data-event-id='{event_id}']", f"event {event_id} in the catalogue")
    spans = item.find_elements(By.CSS_SELECTOR, "span.places-left")
    expect(spans, f"the catalogue shows no places left for event {event_id}")
    return int(spans[0].get_attribute("data-places-left"))


def open_registration(driver, base, event_id):
    """From the event page, by its link, to the registration form."""
    driver.get(f"{base}/events/{event_id}")
    link = one(driver, "a#register", "registration link on the event page")
    expect(link.get_attribute("href").endswith(f"/events/{event_id}/register"), f"the registration link goes to {link.get_attribute('href')}")
    submit_and_wait(driver, link)
    one(driver, "form#registration-form", "registration form")


def member_box(driver, pupil):
    """The checkbox of `pupil` in the class list, found by its label (name and class)."""
    for label in driver.find_elements(By.CSS_SELECTOR, "form#registration-form label[for^='member-']"):
        text = " ".join(label.text.split())
        if f"{pupil.last} {pupil.first}" in text:
            return driver.find_element(By.ID, label.get_attribute("for"))
    raise Refused(f"{pupil.last} {pupil.first} is not in the class list of the form")


def pick(driver, pupil):
    """Searches the list by the pupil's surname (the live filter) and ticks them."""
    search = one(driver, "input#people-filter", "the list's search field")
    fill(search, pupil.last)
    box = member_box(driver, pupil)
    expect(box.is_displayed(), f"searching {pupil.last} hides {pupil.last} {pupil.first}")
    hidden = [r for r in driver.find_elements(By.CSS_SELECTOR, "#people [data-search]") if not r.is_displayed()]
    expect(hidden, f"searching {pupil.last} hides nobody: the live filter does nothing")
    if not box.is_selected():
        box.click()
    expect(box.is_selected(), f"{pupil.last} could not be ticked")
    # The parents' consent, where a form asks for it next to the pupil.
    consent = driver.find_elements(By.CSS_SELECTOR, f"input#consent-{box.get_attribute('value')}")
    if consent and not consent[0].is_selected():
        consent[0].click()
    clear_filter(driver, search)


def clear_filter(driver, search):
    """Empties the search field as typing would (an input event), so the list shows every row again."""
    driver.execute_script("arguments[0].value = ''; arguments[0].dispatchEvent(new Event('input', {bubbles: true}))", search)


def fill_team(driver, team_name, pupils):
    form = one(driver, "form#registration-form")
    fill(form.find_element(By.NAME, "team_name"), team_name)
    email = form.find_element(By.NAME, "responsible_email")
    if not email.get_attribute("value"):
        fill(email, "fedorova@example.org")
    nominations = form.find_elements(By.NAME, "nomination_id")
    if nominations and nominations[0].tag_name == "select":
        choice = Select(nominations[0])
        real = [o for o in choice.options if o.get_attribute("value")]
        expect(real, "the nomination list is empty")
        choice.select_by_value(real[0].get_attribute("value"))
    for pupil in pupils:
        pick(driver, pupil)
    # One statement of the parents' consent for the ticked pupils, where none is on record (an imported list has none).
    consent = driver.find_elements(By.CSS_SELECTOR, "input#consent_picked")
    if consent and not consent[0].is_selected():
        consent[0].click()


def submit_registration(driver):
    submit_and_wait(driver, one(driver, "button#submit", "the form's submit button"))


def ticked(driver):
    return [b.get_attribute("value") for b in driver.find_elements(By.CSS_SELECTOR, "input[name=member]") if b.is_selected()]


def application_id(driver, base):
    arrive(driver, base, lambda p: p.startswith("/applications/"), "the confirmation page (/applications/ID)")
    return int(path(driver, base).split("/")[2].split("?")[0])
