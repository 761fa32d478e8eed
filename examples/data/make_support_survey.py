"""Generates support_survey.csv, the sample export that the csv_to_dashboard
example reads: 480 support tickets over eight weeks (across the US switch
to daylight saving time on 8 March 2026), six agents, three channels and
three touchpoints, with the cells real exports have — blanks, "N/A",
"7.0", answer labels — and a few bad ones ("6.5", "11", "sorta") that the
example reports with their row numbers.

Run: python3 examples/data/make_support_survey.py > examples/data/support_survey.csv
"""
import csv
import random
import sys
from datetime import datetime, timedelta, timezone

rng = random.Random(20260301)
agents = ["ana", "ben", "chen", "dara", "eli", "fay"]
channels = ["phone", "email", "chat"]
touchpoints = ["first contact", "follow-up", "returns and refunds"]
csat_labels = ["Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"]
ces_labels = ["Strongly disagree", "Disagree", "Somewhat disagree", "Neither agree nor disagree",
              "Somewhat agree", "Agree", "Strongly agree"]
start = datetime(2026, 2, 16, 13, 0, tzinfo=timezone.utc)  # a Monday, 08:00 in New York

out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["ticket", "answered_at", "agent", "channel", "touchpoint", "nps", "csat", "ces",
              "resolved_first_contact", "transfers"])
for i in range(480):
    at = start + timedelta(minutes=rng.randrange(0, 8 * 7 * 24 * 60))
    agent = rng.choice(agents)
    channel = rng.choice(channels)
    touchpoint = rng.choice(touchpoints)
    transfers = rng.choice([0, 0, 0, 1, 2])
    # Effort drives loyalty: easy contacts recommend, hard ones do not.
    ease = max(1, min(7, round(rng.gauss(5.6 - 1.1 * transfers - (0.8 if agent == "eli" else 0), 1.2))))
    nps = max(0, min(10, round(rng.gauss(4.5 + 0.8 * ease, 1.8))))
    csat = max(1, min(5, round(rng.gauss(1.2 + 0.55 * ease, 0.7))))
    fcr = "yes" if transfers == 0 and rng.random() < 0.8 else "no"
    r = rng.random()
    nps_cell = "" if r < 0.05 else "N/A" if r < 0.07 else f"{nps}.0" if r < 0.12 else str(nps)
    r = rng.random()
    csat_cell = "" if r < 0.04 else csat_labels[csat - 1] if r < 0.30 else str(csat)
    r = rng.random()
    ces_cell = "NA" if r < 0.04 else ces_labels[ease - 1] if r < 0.25 else str(ease)
    fcr_cell = "" if rng.random() < 0.05 else fcr
    out.writerow([f"T{1000 + i}", at.strftime("%Y-%m-%dT%H:%M:%SZ"), agent, channel, touchpoint,
                  nps_cell, csat_cell, ces_cell, fcr_cell, transfers])

# Cells no export should contain, each reported by the example.
for bad in [("6.5", "5", "6"), ("11", "4", "5"), ("9", "sorta", "7"), ("8", "4", "Kinda agree")]:
    i += 1
    out.writerow([f"T{1000 + i}", (start + timedelta(days=3, hours=i % 7)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                  "ben", "chat", "follow-up", bad[0], bad[1], bad[2], "yes", 0])
