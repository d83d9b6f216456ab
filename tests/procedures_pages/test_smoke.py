from tests.factories import SectorFactory, add_procedure


def test_published_procedure_renders_its_code(client, catalogue):
    sector = SectorFactory(name="Hộ tịch", slug="ho-tich")
    page = add_procedure(catalogue, code="1.000656", title="Thủ tục đăng ký khai sinh",
                         sector=sector, level_commune=True)
    response = client.get(page.url)
    assert response.status_code == 200
    assert "1.000656" in response.content.decode()
