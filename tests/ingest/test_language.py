from pathlib import Path

import pytest

from eventwire.ingest.language import guess, non_english_reason

ROOT = Path(__file__).resolve().parents[2]

SAMPLES = {
    "de": "Die Regierung hat am Montag die Grenze geschlossen, sagte ein Sprecher des Ministeriums. Bei dem Angriff wurden mindestens zwölf Menschen getötet.",
    "fr": "Le gouvernement a fermé la frontière lundi, selon un porte-parole du ministère. Au moins douze personnes ont été tuées dans cette attaque.",
    "es": "El gobierno cerró la frontera el lunes, según un portavoz del ministerio. Al menos doce personas murieron en el ataque contra las fuerzas de seguridad.",
    "it": "Il governo ha chiuso il confine lunedì, secondo un portavoce del ministero. Almeno dodici persone sono state uccise nell'attacco contro le forze di sicurezza.",
    "pt": "O governo fechou a fronteira na segunda-feira, segundo um porta-voz do ministério. Pelo menos doze pessoas foram mortas no ataque contra as forças de segurança.",
    "nl": "De regering heeft maandag de grens gesloten, volgens een woordvoerder van het ministerie. Bij de aanval zijn ten minste twaalf mensen gedood.",
    "ar": "أعلنت الحكومة إغلاق الحدود يوم الاثنين، وقال متحدث باسم الوزارة إن اثني عشر شخصا قتلوا في الهجوم.",
    "ru": "Правительство закрыло границу в понедельник, сообщил представитель министерства. По меньшей мере двенадцать человек погибли.",
    "zh": "政府周一关闭了边境，该部发言人表示。至少有十二人在袭击中丧生。",
    "ja": "政府は月曜日に国境を閉鎖したと、省の報道官が述べた。少なくとも十二人が死亡した。",
}


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_news_in_other_languages_is_recognised(code):
    assert guess(SAMPLES[code]).code == code
    assert non_english_reason(SAMPLES[code]).endswith(f"({code})")


def test_the_reason_names_the_language():
    assert non_english_reason(SAMPLES["de"]) == "language: looks like German (de)"


def test_english_news_with_foreign_names_emoji_and_rtl_is_kept():
    text = (ROOT / "examples" / "pakistan-iran-strikes.txt").read_text()
    assert guess(text).code == "en" and non_english_reason(text) is None
    mixed = ("Gunmen killed 12 people in Karachi on Monday, police said. 🇵🇰🔥 The attack, claimed by the "
             "Tehrik-i-Taliban Pakistan (تحریک طالبان), targeted a market in the city centre \u200f.")
    assert non_english_reason(mixed) is None


def test_too_little_text_is_not_judged():
    assert guess("Der Angriff").code == "und"
    assert non_english_reason("Explosions in Kyiv") is None
