"""ACC-1: NIK, Nomor KK, phone and password validation."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sintren.accounts.validators import (
    KETENTUAN_KATA_KUNCI,
    NikInfo,
    nik_parse,
    nomor_kk_validate,
    password_problems,
    password_validate,
    phone_normalize,
)
from sintren.regions.models import Wilayah

NIK_MAN = "3326071708450001"  # 17-08-1945, Karanganyar
NIK_WOMAN = "3326075708450001"  # day 17 + 40
KK = "3326071203120004"
FULLWIDTH_NIK = "".join(chr(0xFF10 + int(d)) for d in NIK_MAN)


@pytest.fixture
def wilayah(db: None) -> None:
    """The three regions the numbers above start with."""
    prov = Wilayah.objects.create(code="33", level=1, name="JAWA TENGAH")
    kab = Wilayah.objects.create(code="33.26", level=2, name="KAB. PEKALONGAN", parent=prov)
    Wilayah.objects.create(code="33.26.07", level=3, name="Karanganyar", parent=kab)


def _messages(exc: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return list(exc.value.messages)


# --- NIK ------------------------------------------------------------------------------
def test_nik_man(wilayah: None) -> None:
    info = nik_parse(NIK_MAN, tanggal_lahir=date(1945, 8, 17))
    assert info == NikInfo(
        nik=NIK_MAN, district_code="33.26.07", birth_date=date(1945, 8, 17), sex="L"
    )


def test_nik_woman_day_plus_forty(wilayah: None) -> None:
    info = nik_parse(NIK_WOMAN, tanggal_lahir=date(1945, 8, 17))
    assert info.sex == "P"
    assert info.birth_date == date(1945, 8, 17)


def test_nik_without_birth_date_guesses_the_century(wilayah: None) -> None:
    assert nik_parse("3326070101100001").birth_date == date(2010, 1, 1)
    assert nik_parse("3326070101800001").birth_date == date(1980, 1, 1)


def test_nik_century_comes_from_tanggal_lahir(wilayah: None) -> None:
    info = nik_parse("3326070101150001", tanggal_lahir=date(1915, 1, 1))
    assert info.birth_date == date(1915, 1, 1)


def test_nik_spaces_and_dashes_are_removed(wilayah: None) -> None:
    assert nik_parse(" 3326-0717-0845-0001 ").nik == NIK_MAN


@pytest.mark.parametrize(
    "value",
    [
        "",
        "332607170845000",
        "33260717084500011",
        "33260717084500O1",
        FULLWIDTH_NIK,
    ],
)
def test_nik_must_be_sixteen_digits(wilayah: None, value: str) -> None:
    with pytest.raises(ValidationError) as exc:
        nik_parse(value)
    assert _messages(exc) == ["NIK harus terdiri dari tepat 16 angka."]


def test_nik_unknown_district(wilayah: None) -> None:
    with pytest.raises(ValidationError) as exc:
        nik_parse("3326081708450001")
    assert _messages(exc) == [
        "6 angka pertama NIK bukan kode kecamatan yang terdaftar. Periksa kembali NIK Anda."
    ]


def test_nik_district_must_be_a_kecamatan_not_a_regency(wilayah: None) -> None:
    Wilayah.objects.create(code="33.26.00", level=2, name="bukan kecamatan")
    with pytest.raises(ValidationError):
        nik_parse("3326001708450001")


@pytest.mark.parametrize("ddmmyy", ["000145", "320145", "400145", "720145", "171345", "300201"])
def test_nik_invalid_birth_date(wilayah: None, ddmmyy: str) -> None:
    with pytest.raises(ValidationError) as exc:
        nik_parse(f"332607{ddmmyy}0001")
    assert _messages(exc) == [
        "Angka ke-7 sampai ke-12 NIK bukan tanggal lahir yang valid (format DDMMYY)."
    ]


def test_nik_leap_day(wilayah: None) -> None:
    assert nik_parse("3326072902000001").birth_date == date(2000, 2, 29)
    assert nik_parse("3326076902000001").sex == "P"


@pytest.mark.parametrize(
    "tanggal_lahir", [date(1945, 8, 18), date(1945, 9, 17), date(1946, 8, 17), date(1945, 8, 7)]
)
def test_nik_mismatched_birth_date_refused(wilayah: None, tanggal_lahir: date) -> None:
    with pytest.raises(ValidationError) as exc:
        nik_parse(NIK_MAN, tanggal_lahir=tanggal_lahir)
    assert exc.value.code == "birth_date_mismatch"
    assert _messages(exc) == [
        "Menurut NIK, tanggal lahir 17-08-1945. Periksa kembali NIK atau Tanggal Lahir."
    ]


def test_nik_mismatch_names_a_womans_real_birth_date(wilayah: None) -> None:
    with pytest.raises(ValidationError) as exc:
        nik_parse(NIK_WOMAN, tanggal_lahir=date(1945, 8, 18))
    assert "Menurut NIK, tanggal lahir 17-08-1945." in _messages(exc)[0]


def test_nik_day_codes_beyond_the_womens_range_are_refused(wilayah: None) -> None:
    # 81 would decode as day 1 by the "day modulo 40" rule alone.
    with pytest.raises(ValidationError) as exc:
        nik_parse("3326078101450001")
    assert exc.value.code == "birth_date"


def test_nik_birth_date_in_the_future_refused(wilayah: None) -> None:
    with pytest.raises(ValidationError) as exc:
        nik_parse(NIK_MAN, tanggal_lahir=date(2045, 8, 17))
    assert _messages(exc) == ["Tanggal lahir pada NIK tidak boleh setelah hari ini."]


def test_nik_woman_with_mens_day_is_a_different_person(wilayah: None) -> None:
    # Both decode to 17-08-1945; the sex comes only from the day.
    assert nik_parse(NIK_MAN).sex == "L"
    assert nik_parse(NIK_WOMAN).sex == "P"


# --- Nomor KK -------------------------------------------------------------------------
def test_kk_valid(wilayah: None) -> None:
    assert nomor_kk_validate("3326 0712 0312 0004") == KK


def test_kk_wrong_length(wilayah: None) -> None:
    with pytest.raises(ValidationError) as exc:
        nomor_kk_validate("12345")
    assert _messages(exc) == ["Nomor KK harus terdiri dari tepat 16 angka."]


def test_kk_unknown_district(wilayah: None) -> None:
    with pytest.raises(ValidationError) as exc:
        nomor_kk_validate("9926071203120004")
    assert "6 angka pertama Nomor KK" in _messages(exc)[0]


# --- Phone ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value",
    [
        "085642606190",
        "0856-4260-6190",
        "0856 4260 6190",
        "+6285642606190",
        "+62 856 4260 6190",
        "6285642606190",
        " 085642606190 ",
    ],
)
def test_phone_forms(value: str) -> None:
    assert phone_normalize(value) == "+6285642606190"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "0215551234",  # Jakarta landline
        "+62215551234",
        "08123",
        "+6585642606190",  # Singapore
        "85642606190",  # no prefix at all
        "0856426061901234567",
        "+62 856 abc",
        "++6285642606190",
        "0856" + chr(0xFF14) + "260" + chr(0xFF16) + "190",
    ],
)
def test_phone_refused(value: str) -> None:
    with pytest.raises(ValidationError) as exc:
        phone_normalize(value)
    assert _messages(exc) == [
        "Nomor HP harus nomor seluler Indonesia yang valid, misalnya 081234567890 "
        "atau +6281234567890."
    ]


# --- Passwords ------------------------------------------------------------------------
def test_good_password() -> None:
    problems = password_problems(
        "Batik2Pekalongan", nik=NIK_MAN, nomor_kk=KK, tanggal_lahir=date(1945, 8, 17)
    )
    assert problems == []


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("ab1", "Kata kunci terlalu pendek: minimal 8 karakter."),
        ("abcdefghij", "Kata kunci ini belum memuat paling sedikit satu huruf dan satu angka."),
        ("9876543210", "Kata kunci ini belum memuat paling sedikit satu huruf dan satu angka."),
        ("9876543210", "Kata kunci ini seluruhnya berupa angka; tambahkan huruf."),
        (f"x{NIK_MAN}", "Kata kunci tidak boleh sama dengan atau memuat NIK."),
        (NIK_MAN, "Kata kunci tidak boleh sama dengan atau memuat NIK."),
        (f"kk{KK}", "Kata kunci tidak boleh sama dengan atau memuat Nomor KK."),
        ("password1", "Kata kunci terlalu umum dan mudah ditebak. Pilih yang lain."),
        ("Password1", "Kata kunci terlalu umum dan mudah ditebak. Pilih yang lain."),
    ],
)
def test_password_rule_messages(password: str, message: str) -> None:
    assert message in password_problems(password, nik=NIK_MAN, nomor_kk=KK)
    with pytest.raises(ValidationError) as exc:
        password_validate(password, nik=NIK_MAN, nomor_kk=KK)
    assert message in _messages(exc)


@pytest.mark.parametrize(
    "password", ["17081945", "17-08-1945", "19450817", "170845", "lahir170845"]
)
def test_password_not_the_birth_date(password: str) -> None:
    problems = password_problems(password, tanggal_lahir=date(1945, 8, 17))
    assert "Kata kunci ini memuat tanggal lahir Anda; pilih yang lain." in problems


def test_birth_date_rule_needs_the_birth_date() -> None:
    assert "Kata kunci ini memuat tanggal lahir Anda; pilih yang lain." not in (
        password_problems("lahir170845")
    )


def test_all_violations_are_reported_together() -> None:
    with pytest.raises(ValidationError) as exc:
        password_validate("1708", tanggal_lahir=date(1945, 8, 17))
    assert set(_messages(exc)) == {
        "Kata kunci terlalu pendek: minimal 8 karakter.",
        "Kata kunci ini seluruhnya berupa angka; tambahkan huruf.",
        "Kata kunci ini belum memuat paling sedikit satu huruf dan satu angka.",
    }
    with pytest.raises(ValidationError) as exc:
        password_validate("17081945", tanggal_lahir=date(1945, 8, 17))
    assert len(exc.value.messages) == 3


def test_nik_with_separators_in_password_is_still_caught() -> None:
    assert "Kata kunci tidak boleh sama dengan atau memuat NIK." in password_problems(
        "a3326-0717-0845-0001", nik=NIK_MAN
    )


def test_rules_list_for_the_form() -> None:
    rules = [str(rule) for rule in KETENTUAN_KATA_KUNCI]
    assert rules[0] == "Panjang kata kunci minimal 8 karakter."
    assert len(rules) == 7
    assert all(rule.endswith(".") for rule in rules)


def test_problems_never_repeat_a_rule_word_for_word() -> None:
    # The form lists the rules beside the input; an error must not read as a third copy.
    rules = {str(rule) for rule in KETENTUAN_KATA_KUNCI}
    problems = {
        problem
        for password in ("1708", "password1", f"a{NIK_MAN}", f"b{KK}", "Lahir17081945")
        for problem in password_problems(
            password, nik=NIK_MAN, nomor_kk=KK, tanggal_lahir=date(1945, 8, 17)
        )
    }
    assert len(problems) == 7  # every kind of problem
    assert not problems & rules


# --- Hypothesis: only ValidationError may escape ---------------------------------------
ANY_TEXT = st.one_of(
    st.text(),
    st.text(alphabet="0123456789 -.+", max_size=24),
    st.from_regex(r"332607[0-9]{10}", fullmatch=True),
    st.from_regex(r"(\+62|62|0)8[0-9 -]{6,14}", fullmatch=True),
)
HYPOTHESIS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@HYPOTHESIS
@given(value=ANY_TEXT, tanggal=st.one_of(st.none(), st.dates()))
def test_nik_parse_only_raises_validation_error(wilayah: None, value: str, tanggal: date) -> None:
    try:
        info = nik_parse(value, tanggal_lahir=tanggal)
    except ValidationError as exc:
        messages = exc.messages
        assert messages
    else:
        assert info.nik.isascii()
        assert len(info.nik) == 16
        assert info.sex in {"L", "P"}
        assert tanggal is None or info.birth_date == tanggal


@HYPOTHESIS
@given(value=ANY_TEXT)
def test_nomor_kk_only_raises_validation_error(wilayah: None, value: str) -> None:
    try:
        kk = nomor_kk_validate(value)
    except ValidationError:
        return
    assert kk.startswith("332607")
    assert len(kk) == 16


@settings(max_examples=300, deadline=None)
@given(value=ANY_TEXT)
def test_phone_normalize_only_raises_validation_error(value: str) -> None:
    try:
        phone = phone_normalize(value)
    except ValidationError:
        return
    assert phone.startswith("+628")
    assert phone[1:].isdigit()
    assert phone_normalize(phone) == phone


@settings(max_examples=200, deadline=None)
@given(password=st.text(max_size=40))
def test_password_validate_only_raises_validation_error(password: str) -> None:
    try:
        password_validate(password, nik=NIK_MAN, nomor_kk=KK, tanggal_lahir=date(1990, 1, 2))
    except ValidationError as exc:
        messages = exc.messages
        assert messages


@given(value=st.one_of(st.none(), st.integers(), st.binary(), st.lists(st.integers())))
@settings(max_examples=30, deadline=None)
def test_non_text_input_is_refused_cleanly(value: object) -> None:
    with pytest.raises(ValidationError):
        phone_normalize(value)
