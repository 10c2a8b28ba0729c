"""Error pages keep the menu and say what the person may do instead."""

from django.urls import reverse


def test_a_forbidden_page_keeps_the_menu_and_lists_what_the_employee_may_open(client, world):
    client.force_login(world.pegawai_user)
    response = client.get(reverse("wfh:schedule"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Halaman ini tidak boleh Anda buka" in html
    main = html.split('<main id="main"', 1)[1]
    assert f'href="{reverse("selfservice:my_month")}"' in main  # an own page offered instead
    assert f'href="{reverse("wfh:schedule")}"' not in main  # never the page just refused


def test_an_unknown_address_answers_404_with_the_menu(client, world):
    client.force_login(world.hr)
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Halaman tidak ditemukan" in html
    assert f'href="{reverse("dashboard:today")}"' in html.split('<main id="main"', 1)[1]


def test_an_anonymous_visitor_of_an_unknown_address_is_offered_the_home_page(client, db):
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    assert f'href="{reverse("home")}"' in response.content.decode()
