"""The catalog preloaded by migration: top levels and leaves from the seeds' questionnaire."""

CATALOG = [
    (
        "urgent",
        "Срочная помощь",
        "Нужно помочь прямо сейчас",
        [
            ("groceries", "Продукты", "Купить и принести продукты"),
            ("medicines", "Лекарства", "Купить и принести лекарства"),
            ("firewood", "Дрова", "Привезти или наколоть дрова"),
            ("snow_clearing", "Уборка снега", "Почистить снег у дома"),
            ("material_aid", "Материальная помощь", "Деньги, вещи, продуктовый набор"),
            ("document_printing", "Печать документов", "Распечатать или отсканировать документы"),
        ],
    ),
    (
        "care",
        "Уход и забота",
        "Помощь дома и поддержка",
        [
            ("home_care", "Помощь на дому", "Помощь по дому и уход"),
            ("cleaning", "Уборка", "Убрать в квартире или доме"),
            ("repairs", "Ремонт", "Мелкий ремонт в доме"),
            ("pet_care", "Уход за животными", "Покормить и выгулять питомца"),
            ("child_leisure", "Досуг детей", "Занять детей, помочь с уроками"),
            ("phone_companionship", "Телефонное общение", "Звонить и разговаривать по телефону"),
            ("legal_aid", "Юридическая помощь", "Консультация юриста"),
            ("psychological_aid", "Психологическая помощь", "Поговорить с психологом"),
            ("transport", "Сопровождение и транспорт", "Отвезти к врачу или в учреждение"),
        ],
    ),
    (
        "active_ageing",
        "Активное долголетие",
        "Занятия, общение, обучение",
        [
            ("workshops", "Мастер-классы", "Занятия и мастер-классы"),
            ("leisure", "Досуг и общение", "Клубы, встречи, прогулки"),
            ("digital_literacy", "Цифровая грамотность", "Научиться пользоваться телефоном и интернетом"),
            ("sport", "Физическая активность", "Зарядка, скандинавская ходьба"),
        ],
    ),
]


def load(ServiceCategory):
    for top_pos, (code, name, plain, leaves) in enumerate(CATALOG):
        top, _ = ServiceCategory.objects.update_or_create(
            code=code, defaults={"name": name, "plain_name": plain, "parent": None, "position": top_pos}
        )
        for pos, (leaf_code, leaf_name, leaf_plain) in enumerate(leaves):
            ServiceCategory.objects.update_or_create(
                code=leaf_code,
                defaults={"name": leaf_name, "plain_name": leaf_plain, "parent": top, "position": pos},
            )
