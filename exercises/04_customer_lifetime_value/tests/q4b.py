from otter.test_files import test_case

OK_FORMAT = False

name = "q4b"
points = 1

@test_case(points=0, hidden=False)
def test_q4b_self_check(q4b, STUDENT_ID, LANG):
    from crmlib.exercises.clv import check
    result = check('q4b', q4b, student=STUDENT_ID, lang=LANG)
    assert result.passed, result.message

