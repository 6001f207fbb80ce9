"""Drives the playground in headless Chromium against a running `chorus serve`.

    python playground_test.py --url http://127.0.0.1:PORT --screenshots DIR

Types a query, checks completion, runs it, reads the data and the trace, browses the docs to
MedicalRecord, switches tabs, reloads and finds the history; saves a screenshot of each step;
and fails if the page asked any host but Chorus for anything, or logged an error.
Run by Tests/EndToEndTests/PlaygroundBrowserTests.swift (scripts/test installs what it needs).
"""
import argparse
import json
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

parser = argparse.ArgumentParser()
parser.add_argument("--url", required=True)
parser.add_argument("--screenshots", required=True)
parser.add_argument("--token", required=True, help="a bearer token to put in the Token field")
parser.add_argument("--chromium", default="/usr/bin/chromium")
parser.add_argument("--driver", default="/usr/bin/chromedriver")
args = parser.parse_args()
base = args.url.rstrip("/")
os.makedirs(args.screenshots, exist_ok=True)

options = webdriver.ChromeOptions()
options.binary_location = args.chromium
for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,800",
             "--no-first-run", "--disable-extensions", "--disable-background-networking", "--disable-sync",
             "--disable-component-update", "--disable-default-apps", "--force-color-profile=srgb"]:
    options.add_argument(flag)
options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
driver = webdriver.Chrome(options=options, service=Service(args.driver))
wait = WebDriverWait(driver, 20)
step_number = 0


def step(name):
    global step_number
    step_number += 1
    path = os.path.join(args.screenshots, f"{step_number:02d}-{name}.png")
    driver.save_screenshot(path)
    print(f"ok {step_number} {name} ({path})", flush=True)


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def editor():
    return driver.find_element(By.CSS_SELECTOR, "#editor textarea")


def replace_query(text):
    box = editor()
    box.click()
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE)
    box.send_keys(text)


def wait_ready():
    wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-schema") == "ready")


def completion_labels():
    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".completions:not([hidden]) .completion-label")]


def run_query():
    editor().send_keys(Keys.CONTROL, Keys.ENTER)
    wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-running") is None
               and d.find_element(By.ID, "status").text[:3].isdigit())


try:
    # Every route that serves the page.
    for path in ["/", "/graphql"]:
        driver.get(base + path)
        wait.until(EC.title_is("Chorus playground"))
    driver.get(base + "/playground")
    wait_ready()
    driver.execute_script("localStorage.clear(); sessionStorage.clear();")
    driver.refresh()
    wait_ready()
    step("loaded")

    # Signing in: the token field sends it as Authorization: Bearer (emails need an allowed viewer).
    driver.find_element(By.ID, "token").send_keys(args.token)

    # Typing: completion offers the fields of the type under the cursor.
    replace_query("{ users(first: 3, role: PATIENT) { nodes { em")
    wait.until(lambda d: "email" in completion_labels())
    labels = completion_labels()
    check(labels == ["email"], f"completion after 'em' on User offered {labels}")
    step("completion")
    editor().send_keys(Keys.ENTER)
    editor().send_keys(" cons")
    wait.until(lambda d: "consultations" in completion_labels())
    editor().send_keys(Keys.TAB)
    editor().send_keys("(")
    editor().send_keys(Keys.CONTROL, " ")
    wait.until(lambda d: len(completion_labels()) > 0)
    labels = completion_labels()
    check({"first", "after"} <= set(labels), f"argument completion on User.consultations offered {labels}")
    editor().send_keys(Keys.ESCAPE)
    editor().send_keys("first: 2) { totalCount } } } }")
    query = editor().get_attribute("value")
    check(query == "{ users(first: 3, role: PATIENT) { nodes { email consultations(first: 2) { totalCount } } } }",
          f"the editor holds {query!r}")
    wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-problems") == "0")

    # Running: the data and the trace.
    run_query()
    status = driver.find_element(By.ID, "status").text
    check(status.startswith("200"), f"status line {status!r}")
    result = driver.find_element(By.ID, "result").text
    check('"users"' in result and '"email"' in result and '"totalCount"' in result, f"result {result[:300]!r}")
    trips = driver.find_element(By.CSS_SELECTOR, '#trace-view tr[data-store="postgresql"] td[data-column="roundTrips"]').text
    check(trips.isdigit() and int(trips) >= 1, f"PostgreSQL round trips {trips!r}")
    check(driver.find_elements(By.CSS_SELECTOR, '#trace-view tr[data-store="redis"] td[data-column="cacheHits"]'),
          "the trace shows Redis cache hits")
    step("result-and-trace")

    # Errors are underlined as you type.
    replace_query("{ users { nodes { emial } } }")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#editor .squiggle"))
    problems = driver.find_element(By.ID, "diagnostics").text
    check('1:19 Cannot query field "emial" on type "User".' in problems, f"diagnostics {problems!r}")
    step("validation")
    replace_query("{ users(first: 3, role: PATIENT) { nodes { email consultations(first: 2) { totalCount } } } }")

    # The docs: search, open MedicalRecord, see its fields.
    driver.find_element(By.ID, "docs-toggle").click()
    search = driver.find_element(By.CSS_SELECTOR, "#docs .docs-search")
    search.send_keys("MedicalRecord")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#docs .type-link[data-type="MedicalRecord"]'))
    driver.find_element(By.CSS_SELECTOR, '#docs .type-link[data-type="MedicalRecord"]').click()
    wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#docs .docs-title").text == "MedicalRecord")
    fields = [e.get_attribute("data-field") for e in driver.find_elements(By.CSS_SELECTOR, "#docs li.docs-field")]
    check({"allergies", "consultations", "patient"} <= set(fields), f"MedicalRecord fields {fields}")
    step("docs-medical-record")
    driver.find_element(By.ID, "docs-toggle").click()

    # Tabs: a second query in a new tab, then back to the first.
    driver.find_element(By.ID, "new-tab").click()
    replace_query("query Totals { analytics { totals { users } } }")
    run_query()
    check('"totals"' in driver.find_element(By.ID, "result").text, "the second tab ran")
    tabs = driver.find_elements(By.CSS_SELECTOR, '#tabs [role="tab"]')
    check([t.text for t in tabs] == ["users", "Totals"], f"tabs {[t.text for t in tabs]}")
    tabs[0].click()
    check(editor().get_attribute("value").startswith("{ users(first: 3"), "the first tab keeps its query")
    step("tabs")

    # Reload: tabs and history survive.
    time.sleep(0.5)
    driver.refresh()
    wait_ready()
    tabs = driver.find_elements(By.CSS_SELECTOR, '#tabs [role="tab"]')
    check([t.text for t in tabs] == ["users", "Totals"], f"tabs after reload {[t.text for t in tabs]}")
    driver.find_element(By.ID, "history-toggle").click()
    entries = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#history-list .history-title")]
    check(len(entries) == 2 and entries[0] == "Totals" and entries[1].startswith("{ users(first: 3"),
          f"history after reload {entries}")
    step("history-after-reload")

    # Nothing but Chorus was asked for anything; nothing was logged as an error.
    origin = base.split("/")[0] + "//" + base.split("/")[2]
    requested = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            requested.append(message["params"]["request"]["url"])
    foreign = [u for u in requested if not (u.startswith(origin + "/") or u.startswith("data:") or u == "about:blank")]
    check(requested and not foreign, f"requests to other hosts: {foreign}")
    print(f"ok {len(requested)} requests, all to {origin}: no foreign requests", flush=True)
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    check(not errors, f"console errors: {errors}")
    print("ok no console errors")
except Exception as error:  # noqa: BLE001 - any failure ends the run with a screenshot
    driver.save_screenshot(os.path.join(args.screenshots, "failure.png"))
    print(f"FAIL {type(error).__name__}: {error}", flush=True)
    driver.quit()
    sys.exit(1)
driver.quit()
print("PASS")
