"""Agencies most dossier tests share: the province's public-service centre (where the desk
receives) and the department that processes."""

import pytest

from tests.dossiers.factories import make_agency


@pytest.fixture
def province(db):
    return make_agency("000.00.31.H33", "Trung tâm Phục vụ hành chính công tỉnh")


@pytest.fixture
def department(province):
    return make_agency("000.00.15.H33", "Sở Tư pháp")
