"""Proposal ranking on a hand-built taxonomy where the best pair is known."""

from __future__ import annotations

import datetime as dt

import pytest

from overstap.network import scoring, selectors, services
from overstap.network.constants import Arrangement

from .conftest import TODAY, shortage, surplus

pytestmark = pytest.mark.django_db


def _rank(account_manager, registration, **kwargs):
    lines = selectors.open_shortage_lines(account_manager.organisation.region_id)
    return scoring.rank_pairs(registration, lines, **kwargs)


def test_best_skill_fit_nearby_ranks_first(tax, account_manager, hotel, security, cleaning):
    occ = tax["occ"]
    reg = surplus(account_manager, hotel, [(occ["receptionist"], 5)])
    shortage(account_manager, security, [(occ["security_receptionist"], 3)])
    shortage(account_manager, cleaning, [(occ["cleaner"], 4), (occ["welder"], 2)])
    pairs = _rank(account_manager, reg)
    targets = [p.shortage_line.occupation.label_en for p in pairs]
    # the welder shares no skill with a receptionist: it is not proposed at all
    assert targets == ["security receptionist", "cleaner"]
    best = pairs[0]
    skills = best.components[0]
    assert skills.key == "skills"
    assert 0.5 < skills.value < 1.0  # most of the target's skills (IDF-weighted)
    assert pairs[1].components[0].value < skills.value
    assert best.suggested_headcount == 3
    assert best.distance_km is not None and best.distance_km < 10
    assert best.total == pytest.approx(sum(c.weight * c.value for c in best.components), abs=1e-3)


def test_same_occupation_fits_fully(tax, account_manager, hotel, cleaning):
    occ = tax["occ"]
    reg = surplus(account_manager, hotel, [(occ["cleaner"], 2)])
    shortage(account_manager, cleaning, [(occ["cleaner"], 2)])
    (pair,) = _rank(account_manager, reg)
    assert pair.components[0].value == 1.0


def test_distance_breaks_a_tie(tax, account_manager, hotel, security, far_security):
    occ = tax["occ"]
    reg = surplus(account_manager, hotel, [(occ["receptionist"], 5)])
    shortage(account_manager, far_security, [(occ["security_receptionist"], 3)])
    shortage(account_manager, security, [(occ["security_receptionist"], 3)])
    pairs = _rank(account_manager, reg)
    assert [p.shortage_line.registration.employer for p in pairs] == [security, far_security]
    assert pairs[1].distance_km > 30


def test_timing_outside_the_period_scores_lower(tax, account_manager, hotel, security, cleaning):
    occ = tax["occ"]
    reg = surplus(account_manager, hotel, [(occ["receptionist"], 5)])
    late = shortage(
        account_manager,
        security,
        [(occ["security_receptionist"], 3)],
        start=TODAY + dt.timedelta(days=75),
    )
    (pair,) = _rank(account_manager, reg)
    timing = pair.components[2]
    assert timing.key == "timing"
    assert timing.value == pytest.approx(1 - 45 / 90)
    assert late.period_start > reg.expected_date


def test_lending_only_when_possible(tax, account_manager, hotel, security):
    occ = tax["occ"]
    reg = surplus(account_manager, hotel, [(occ["receptionist"], 5)], lending=False)
    shortage(account_manager, security, [(occ["security_receptionist"], 3)])
    pairs = _rank(account_manager, reg)
    assert pairs and all(p.arrangement != Arrangement.LENDING for p in pairs)
    assert _rank(account_manager, reg, arrangement=Arrangement.LENDING) == []


def test_lending_wins_for_a_short_need(tax, account_manager, hotel, security):
    occ = tax["occ"]
    reg = surplus(account_manager, hotel, [(occ["receptionist"], 5)], lending=True)
    shortage(account_manager, security, [(occ["security_receptionist"], 3)], days=90)
    (pair,) = _rank(account_manager, reg)
    assert pair.arrangement == Arrangement.LENDING


def test_named_exclusion_hides_the_pair(tax, account_manager, hotel, security, cleaning):
    occ = tax["occ"]
    services.save_profile(
        actor=account_manager,
        employer=hotel,
        data=services.ProfileData(excluded_employers=[security]),
    )
    reg = surplus(account_manager, hotel, [(occ["receptionist"], 5)])
    shortage(account_manager, security, [(occ["security_receptionist"], 3)])
    shortage(account_manager, cleaning, [(occ["cleaner"], 3)])
    pairs = _rank(account_manager, reg)
    assert [p.shortage_line.registration.employer for p in pairs] == [cleaning]


def test_exclusion_by_the_receiving_employer_counts_too(tax, account_manager, hotel, security):
    occ = tax["occ"]
    services.save_profile(
        actor=account_manager,
        employer=security,
        data=services.ProfileData(excluded_employers=[hotel]),
    )
    reg = surplus(account_manager, hotel, [(occ["receptionist"], 5)])
    shortage(account_manager, security, [(occ["security_receptionist"], 3)])
    assert _rank(account_manager, reg) == []


def test_same_sector_competitors_excluded(tax, account_manager, region, hotel):
    from .conftest import _employer

    other_hotel = _employer(region, "Other hotel", "Horeca", "5211 EF")
    occ = tax["occ"]
    reg = surplus(account_manager, hotel, [(occ["receptionist"], 5)])
    shortage(account_manager, other_hotel, [(occ["receptionist"], 2)])
    assert len(_rank(account_manager, reg)) == 1
    services.save_profile(
        actor=account_manager,
        employer=hotel,
        data=services.ProfileData(exclude_same_sector=True),
    )
    assert _rank(account_manager, reg) == []


def test_not_open_to_other_sectors(tax, account_manager, hotel, security):
    occ = tax["occ"]
    reg = surplus(account_manager, hotel, [(occ["receptionist"], 5)])
    shortage(
        account_manager, security, [(occ["security_receptionist"], 3)], open_to_other_sectors=False
    )
    assert _rank(account_manager, reg) == []


def test_excluded_pair_cannot_be_proposed(tax, account_manager, hotel, security):
    occ = tax["occ"]
    reg = surplus(account_manager, hotel, [(occ["receptionist"], 5)])
    short = shortage(account_manager, security, [(occ["security_receptionist"], 3)])
    services.save_profile(
        actor=account_manager,
        employer=hotel,
        data=services.ProfileData(excluded_employers=[security]),
    )
    from overstap.core.exceptions import DomainError

    with pytest.raises(DomainError):
        services.create_proposal(
            actor=account_manager,
            surplus_line=reg.lines.get(),
            shortage_line=short.lines.get(),
            arrangement=Arrangement.LENDING,
            headcount=2,
        )
