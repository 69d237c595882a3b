"""The demo region: a year of work of a regional mobility team, made up but realistic.

Modelled on the Noordoost-Brabant "Van Werk Naar Werk" pilot in contract catering
(Tilburg University evaluation, ``../shared/seeds/004_…``): two contract caterers and a
hotel release staff, mostly practically educated people over 45 with long tenure; UWV and
the municipality of Meierijstad provide case managers; regional providers deliver talent
scans, career tests, grief coaching, application training and MBO training; about two
thirds of the people with an outcome move to work, several into another sector.

Every person, case, referral and outcome is made through the case services, so the
timelines and the audit log are real. Plain Python, no models: ``overstap load_demo``.
"""

from overstap.demo.builder import (
    DEMO_PASSWORD,
    DEMO_REGION_CODE,
    DemoSummary,
    build_demo,
    delete_demo,
    demo_region_exists,
)

__all__ = [
    "DEMO_PASSWORD",
    "DEMO_REGION_CODE",
    "DemoSummary",
    "build_demo",
    "delete_demo",
    "demo_region_exists",
]
