"""A lexicon scorer that suggests a mention's tone; a person's label always overrides it.

Phrases are compared folded (tones off), so text written without tones scores the same. The
lists hold words the Vietnamese press uses when it praises or blames a school or the sector,
with a few English and French ones for the foreign press. A text is negative when its negative
phrases outnumber the positive ones by `MARGIN` or more, positive the other way, else neutral.
"""

from __future__ import annotations

from ttdn.core.search import fold_token
from ttdn.monitoring.enums import Tone
from ttdn.monitoring.matching import Text

MARGIN = 2

NEGATIVE = """
sai phạm, vi phạm, tiêu cực, bức xúc, lạm thu, lạm dụng, bạo lực, xuyên tạc, sai sự thật,
tin giả, thông tin sai, gian lận, tham nhũng, trục lợi, bạo hành, hành hạ, đánh đập, ép buộc,
phản đối, tố cáo, khiếu nại, bất thường, thiếu minh bạch, che giấu, yếu kém, xuống cấp, mất an
toàn, ngộ độc, tai nạn, thiệt hại, nguy hiểm, kỷ luật, đình chỉ, sa thải, bê bối, lừa đảo, thu sai,
quá tải, nợ lương, chậm lương, bị phạt, cấm, bỏ học, tử vong, thương tích, lo ngại, phẫn nộ,
scandal, fraud, abuse, corruption, violence, protest, false, fake, unsafe, poisoning, fine,
accused, complaint, illegal, fraude, violence, corruption, scandale, plainte, faux, illégal
"""

POSITIVE = """
khen thưởng, biểu dương, xuất sắc, thành tích, đạt giải, giải nhất, giải nhì, giải ba, huy chương,
tiêu biểu, điển hình, gương sáng, sáng tạo, đổi mới, hiệu quả, chất lượng cao, đạt chuẩn, tự hào,
vinh danh, học bổng, hỗ trợ, tri ân, ghi nhận, nâng cao, phát triển, thành công, an toàn, thân thiện,
award, excellent, success, scholarship, achievement, praised, medal, innovative, prix, réussite,
excellence, bourse, médaille
"""


def _index(text: str) -> dict[str, list[tuple[str, ...]]]:
    """The folded phrases of a comma-separated list, by their first token."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in (p.strip() for p in text.replace("\n", " ").split(",")):
        folded = tuple(fold_token(t) for t in phrase.split())
        if folded:
            index.setdefault(folded[0], []).append(folded)
    return index


_NEGATIVE = _index(NEGATIVE)
_POSITIVE = _index(POSITIVE)


def count(text: Text, phrases: dict[str, list[tuple[str, ...]]]) -> int:
    """How many times the phrases occur in the folded text."""
    present = phrases.keys() & text.words[False]
    return sum(text.count(phrase) for first in present for phrase in phrases[first])


def suggest(text: Text) -> Tone:
    """The tone the lexicon suggests for the whole text."""
    balance = count(text, _POSITIVE) - count(text, _NEGATIVE)
    if balance <= -MARGIN:
        return Tone.NEGATIVE
    if balance >= MARGIN:
        return Tone.POSITIVE
    return Tone.NEUTRAL
