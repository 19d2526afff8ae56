from otter.test_files import test_case

OK_FORMAT = False

name = "q3a"
points = 1

@test_case(points=0, hidden=False)
def test_q3a_self_check(q3a, STUDENT_ID, LANG):
    from crmlib.exercises.equity import check
    result = check('q3a', q3a, student=STUDENT_ID, lang=LANG)
    assert result.passed, result.message

