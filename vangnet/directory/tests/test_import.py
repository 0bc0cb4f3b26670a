"""Importing the social map from CSV and XLSX: every problem in Dutch, then all rows or none."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from openpyxl import Workbook

from vangnet.accounts.models import User
from vangnet.conftest import log_in
from vangnet.directory.importing import COLUMNS, ImportRefused, Kind, check_file, import_apply
from vangnet.directory.models import (
    ChangeAction,
    ChangeRecord,
    ImportJob,
    Organisation,
    Person,
    Service,
)
from vangnet.directory.tests.factories import OrganisationFactory, PersonFactory, area_tree

pytestmark = pytest.mark.django_db

GOOD_ORGANISATIONS = (
    "naam;type;agb-code;postcode;plaats;telefoon;gebieden\n"
    "Huisartsenpraktijk Het Anker;huisartsenpraktijk;01234567;9901 ab;Vlietdal;"
    "0990-123 456;BU09990101\n"
    "Welzijn Oude Kern;welfare;;9901AC;Vlietdal;0990-654 321;WK099901\n"
)
BAD_ORGANISATIONS = (
    "naam;type;agb-code;postcode;gebieden\n"
    "Huisartsenpraktijk Het Anker;huisartsenpraktijk;1234;9901 ab;BU09990101\n"
    ";welfare;;99AB;\n"
    "Buurtzorg X;bakkerij;;;BU77770000\n"
    "Huisartsenpraktijk Het Anker;huisartsenpraktijk;;9901 AB;\n"
)


def csv_bytes(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_file_with_errors_lists_them_in_dutch_and_writes_nothing(alice: User) -> None:
    area_tree()
    result = check_file(csv_bytes(BAD_ORGANISATIONS), "organisaties.csv", Kind.ORGANISATIONS)
    problems = {(p.row, p.column): p for p in result.problems}
    assert "geen AGB-code" in problems[(2, "agb-code")].message
    assert "acht cijfers" in problems[(2, "agb-code")].fix
    assert "leeg" in problems[(3, "naam")].message
    assert "Nederlandse postcode" in problems[(3, "postcode")].message
    assert "bakkerij" in problems[(4, "type")].message
    assert "BU77770000" in problems[(4, "gebieden")].message
    assert "rij 2" in problems[(5, "naam")].message
    assert all(p.message and p.fix for p in result.problems)
    with pytest.raises(ImportRefused):
        import_apply(result=result, actor=alice)
    assert Organisation.objects.count() == 0


def test_a_good_csv_lands_whole_with_a_version_row_each(alice: User) -> None:
    area_tree()
    result = check_file(csv_bytes(GOOD_ORGANISATIONS), "organisaties.csv", Kind.ORGANISATIONS)
    assert result.problems == []
    summary = import_apply(result=result, actor=alice)
    assert summary.created == 2
    anker = Organisation.objects.get(name="Huisartsenpraktijk Het Anker")
    assert anker.type == "gp_practice"
    assert anker.domain == "medical"
    assert anker.postcode == "9901 AB"
    assert anker.owner == alice
    assert [a.code for a in anker.areas.all()] == ["BU09990101"]
    welfare = Organisation.objects.get(name="Welzijn Oude Kern")
    assert welfare.domain == "social"
    assert welfare.postcode == "9901 AC"
    records = ChangeRecord.objects.filter(action=ChangeAction.IMPORT, entity="organisation")
    assert records.count() == 2
    assert records.filter(changed_by=alice).count() == 2


def test_a_good_xlsx_lands_whole_and_keeps_the_agb_zeros(alice: User) -> None:
    data = xlsx_bytes(
        [
            ["Name", "Type", "AGB code", "Postcode", "Phone"],
            ["Apotheek Zoë", "Pharmacy", 1234567, "9902 BB", "0990-111 222"],
            ["Thuiszorg Ëlst", "thuiszorg", None, None, None],
        ]
    )
    result = check_file(data, "organisations.xlsx", Kind.ORGANISATIONS)
    assert result.problems == []
    import_apply(result=result, actor=alice)
    pharmacy = Organisation.objects.get(name="Apotheek Zoë")
    assert pharmacy.agb_code == "01234567"
    assert pharmacy.type == "pharmacy"
    assert Organisation.objects.get(name="Thuiszorg Ëlst").type == "home_care"


def test_people_need_an_organisation_that_exists(alice: User) -> None:
    OrganisationFactory.create(name="Welzijn Oude Kern")
    text = (
        "naam,discipline,organisatie,werkdagen,werk e-mail,privé tonen\n"
        'Fatima Bouzid,sociaal werker,Welzijn Oude Kern,"ma, di, do",f.bouzid@example.org,nee\n'
        "Joost Prins,huisarts,Praktijk Nergens,,,\n"
        "Noor de Wit,tovenaar,Welzijn Oude Kern,zaterdagavond,geen-mail,misschien\n"
    )
    result = check_file(csv_bytes(text), "mensen.csv", Kind.PEOPLE)
    messages = {(p.row, p.column): p.message for p in result.problems}
    assert "staat niet op de sociale kaart" in messages[(3, "organisatie")]
    assert "tovenaar" in messages[(4, "discipline")]
    assert "zaterdagavond" in messages[(4, "werkdagen")]
    assert "e-mailadres" in messages[(4, "werk e-mail")]
    assert "misschien" in messages[(4, "privé tonen")]
    assert (2, "organisatie") not in messages
    assert Person.objects.count() == 0


def test_people_land_with_their_working_days(alice: User) -> None:
    OrganisationFactory.create(name="Welzijn Oude Kern")
    text = (
        "naam,discipline,organisatie,werkdagen\n"
        'Fatima Bouzid,sociaal werker,welzijn oude kern,"ma, di, do"\n'
        "Erik Dekker,Wijkverpleegkundige,Welzijn Oude Kern,wednesday\n"
    )
    result = check_file(csv_bytes(text), "mensen.csv", Kind.PEOPLE)
    assert result.problems == []
    import_apply(result=result, actor=alice)
    fatima = Person.objects.get(name="Fatima Bouzid")
    assert fatima.working_days == ["mon", "tue", "thu"]
    assert fatima.discipline == "sociaal_werker"
    assert Person.objects.get(name="Erik Dekker").discipline == "wijkverpleegkundige"


def test_services_check_needs_waiting_time_and_contact(alice: User) -> None:
    org = OrganisationFactory.create(name="Welzijn Oude Kern")
    PersonFactory.create(name="Fatima Bouzid", organisation=org)
    text = (
        "naam;organisatie;beschrijving;helpt bij;wachttijd dagen;contactpersoon;kosten\n"
        "Maatje;Welzijn Oude Kern;Een vaste vrijwilliger;eenzaamheid, Vallen;14;"
        "Fatima Bouzid;gratis\n"
        "Koffie;Welzijn Oude Kern;Samen koffie;verveling;twee weken;Piet Nergens;duur\n"
    )
    result = check_file(csv_bytes(text), "aanbod.csv", Kind.SERVICES)
    messages = {(p.row, p.column): p.message for p in result.problems}
    assert set(messages) == {
        (3, "helpt bij"),
        (3, "wachttijd dagen"),
        (3, "contactpersoon"),
        (3, "kosten"),
    }
    text = text.split("Koffie")[0]
    result = check_file(csv_bytes(text), "aanbod.csv", Kind.SERVICES)
    assert result.problems == []
    import_apply(result=result, actor=alice)
    service = Service.objects.get()
    assert service.needs == ["loneliness", "falls"]
    assert service.waiting_days == 14
    assert service.contact is not None and service.contact.name == "Fatima Bouzid"


def test_an_entry_already_on_the_map_is_a_duplicate() -> None:
    OrganisationFactory.create(name="Welzijn Oude Kern", postcode="9901 AC")
    result = check_file(
        csv_bytes("naam,type,postcode\nWelzijn Oude Kern,welfare,9901 AC\n"),
        "organisaties.csv",
        Kind.ORGANISATIONS,
    )
    assert [p.message for p in result.problems] == ["Deze vermelding staat al op de sociale kaart."]


def test_a_file_in_the_wrong_encoding_is_named_with_its_line() -> None:
    text = "naam,type\nWelzijn Oude Kern,welfare\nCafé Zoë,welfare\n"
    result = check_file(csv_bytes(text, "cp1252"), "organisaties.csv", Kind.ORGANISATIONS)
    encoding = [p for p in result.problems if "UTF-8" in p.message]
    assert len(encoding) == 1
    assert encoding[0].row == 3
    assert "CSV UTF-8" in encoding[0].fix
    garbled = text.encode("utf-8").decode("cp1252").encode("utf-8")
    result = check_file(garbled, "organisaties.csv", Kind.ORGANISATIONS)
    assert any("verkeerd" in p.message and p.row == 3 for p in result.problems)


def test_unknown_and_missing_columns_are_problems_on_row_one() -> None:
    result = check_file(csv_bytes("naam,kleur\nX,rood\n"), "x.csv", Kind.ORGANISATIONS)
    by_column = {p.column: p for p in result.problems if p.row == 1}
    assert "onbekend" in by_column["kleur"].message
    assert "type" in by_column["type"].message


def test_an_empty_file_is_a_problem() -> None:
    result = check_file(b"", "leeg.csv", Kind.SERVICES)
    assert result.problems and not result.ok


def test_the_command_exits_2_with_the_problems_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "organisaties.csv"
    path.write_text(BAD_ORGANISATIONS, encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_directory", str(path), "--kind", "organisations", "--apply")
    assert exit_info.value.code == 2
    assert Organisation.objects.count() == 0


def test_the_command_checks_then_applies(tmp_path: Path, alice: User) -> None:
    area_tree()
    path = tmp_path / "organisaties.csv"
    path.write_text(GOOD_ORGANISATIONS, encoding="utf-8")
    call_command("import_directory", str(path), "--kind", "organisations")
    assert Organisation.objects.count() == 0
    call_command(
        "import_directory", str(path), "--kind", "organisations", "--apply", "--user", alice.email
    )
    assert Organisation.objects.count() == 2


def test_the_page_refuses_non_coordinators(client: Client, bob: User) -> None:
    assert client.get(reverse("directory:import")).status_code == 302
    log_in(client, bob)
    assert client.get(reverse("directory:import")).status_code == 403
    good = SimpleUploadedFile("organisaties.csv", csv_bytes(GOOD_ORGANISATIONS))
    response = client.post(reverse("directory:import"), {"kind": "organisations", "file": good})
    assert response.status_code == 403
    assert not ImportJob.objects.exists()


def test_the_page_checks_first_then_applies(client: Client, alice: User) -> None:
    area_tree()
    log_in(client, alice)
    assert client.get(reverse("directory:import")).status_code == 200
    bad = SimpleUploadedFile("organisaties.csv", csv_bytes(BAD_ORGANISATIONS))
    response = client.post(
        reverse("directory:import"), {"kind": "organisations", "file": bad}, follow=True
    )
    page = response.content.decode()
    assert "Nederlandse postcode" in page
    assert "niets geïmporteerd" in page and 'id="import-preview"' not in page
    assert Organisation.objects.count() == 0

    good = SimpleUploadedFile("organisaties.csv", csv_bytes(GOOD_ORGANISATIONS))
    response = client.post(
        reverse("directory:import"), {"kind": "organisations", "file": good}, follow=True
    )
    page = response.content.decode()
    assert "Huisartsenpraktijk Het Anker" in page
    assert Organisation.objects.count() == 0
    job = response.context["job"]
    apply_url = reverse("directory:import_job_apply", args=[job.pk])
    assert apply_url in page
    response = client.post(apply_url, follow=True)
    assert Organisation.objects.count() == 2
    assert "2 vermeldingen geïmporteerd uit organisaties.csv" in response.content.decode()
    # Applying twice does nothing: the job is done and its file is gone.
    response = client.post(apply_url, follow=True)
    assert Organisation.objects.count() == 2
    assert "controleer het eerst opnieuw" in response.content.decode()


def test_the_page_explains_every_column_in_dutch(client: Client, alice: User) -> None:
    log_in(client, alice)
    html = client.get(reverse("directory:import"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    for kind in Kind:
        for column in COLUMNS[kind]:
            if column.key == "last_confirmed":
                continue
            with translation.override("en"):
                english = str(column.help)
            with translation.override("nl"):
                dutch = str(column.help)
            # Every column says what to fill in, in Dutch, and the English is nowhere.
            assert dutch, column.key
            assert dutch != english, column.key
            assert escape(dutch) in html, column.key
            assert escape(english) not in html, column.key


def test_an_unknown_value_is_answered_with_the_words_of_the_page(alice: User) -> None:
    with translation.override("nl"):
        result = check_file(
            b"naam;type\nWijkcentrum De Brug;buurthuis\n", "o.csv", Kind.ORGANISATIONS
        )
    (problem,) = result.problems
    assert "huisartsenpraktijk, thuiszorg, welzijnsorganisatie" in problem.fix
    assert "gp_practice" not in problem.fix
