"""Account models, one module per aggregate; import them all here for Django."""

from sintren.accounts.models.grup import AnggotaGrup, GrupPemohon, PemohonPilihan
from sintren.accounts.models.otp import KodeOtp
from sintren.accounts.models.pemohon import (
    Pemohon,
    RiwayatPendaftaran,
    TokenAktivasi,
    nama_ibu_matches,
)
from sintren.accounts.models.user import User

__all__ = [
    "AnggotaGrup",
    "GrupPemohon",
    "KodeOtp",
    "Pemohon",
    "PemohonPilihan",
    "RiwayatPendaftaran",
    "TokenAktivasi",
    "User",
    "nama_ibu_matches",
]
