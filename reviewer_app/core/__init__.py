"""The reviewer app without Qt: plain state and pure logic, testable without a display.

annotations  the annotation document (scene <-> normalized shapes, the save diff)
location     geometry of the location panel (local projection, fitting, scale bar)
format       local times and coordinates in Chinese and English (distances, durations: shared.format)
i18n         the shipped languages and bilingual wire fields
api          the server's HTTP API as typed calls (httpx), one error type and "server unreachable"
session      the server, token and user of one login (renewed when the token expires)
events       the server's event stream (SSE), read with reconnection and Last-Event-ID
state        the queue and the case as plain objects: pages, tabs, gallery order, permissions
case_session one case as the case window works on it: parts loaded, the item shown, saves, views
views        how long each evidence item was open, for the server's view reports
saving       sending an annotation SavePlan, confirmed piece by piece
"""
