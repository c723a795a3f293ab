import pytest

from .factories import Role, county, supervisor, user


@pytest.fixture
def east(db):
    return county("330101", "东城县")


@pytest.fixture
def west(db):
    return county("330102", "西城县")


@pytest.fixture
def officer(east):
    """Disclosure staff of the east county's market regulator (may withdraw its items)."""
    return user("officer", (Role.DISCLOSURE_STAFF, east.market))


@pytest.fixture
def east_supervisor(east):
    return supervisor("east_sup", east)


@pytest.fixture
def west_officer(west):
    return user("west_officer", (Role.OFFICER, west.market))
