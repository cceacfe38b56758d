import unicodedata

from ttdn.core.text import fold, nfc, slugify


def test_fold_removes_tones_and_maps_d():
    assert fold("Đào tạo") == fold("dao tao") == fold("ĐÀO TẠO") == "dao tao"


def test_fold_same_for_nfd_input():
    assert fold(unicodedata.normalize("NFD", "Hải Phòng")) == "hai phong"


def test_fold_collapses_whitespace():
    assert fold("  Quảng \n Ninh ") == "quang ninh"


def test_nfc_composes_decomposed_text():
    assert nfc(unicodedata.normalize("NFD", "Cẩm Phả")) == "Cẩm Phả"


def test_slugify_vietnamese_name():
    assert slugify("Trường THCS Hùng Vương – Đông Hải") == "truong-thcs-hung-vuong-dong-hai"
