"""The reviewer app without Qt: plain state and pure logic, testable without a display.

annotations  the annotation document (scene <-> normalized shapes, the save diff)
location     geometry of the location panel (local projection, fitting, scale bar)
format       distances, durations and local times in Chinese and English
i18n         the shipped languages and bilingual wire fields
"""
