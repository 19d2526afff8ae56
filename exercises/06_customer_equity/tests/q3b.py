from otter.test_files import test_case

OK_FORMAT = False

name = "q3b"
points = 1

@test_case(points=0, hidden=False)
def test_q3b_self_check(q3b, STUDENT_ID, LANG):
    from crmlib.exercises.equity import check
    result = check('q3b', q3b, student=STUDENT_ID, lang=LANG)
    assert result.passed, result.message

