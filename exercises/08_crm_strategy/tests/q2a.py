from otter.test_files import test_case

OK_FORMAT = False

name = "q2a"
points = 1

@test_case(points=0, hidden=False)
def test_q2a_self_check(q2a, STUDENT_ID, LANG):
    from crmlib.exercises.strategy import check
    result = check('q2a', q2a, student=STUDENT_ID, lang=LANG)
    assert result.passed, result.message

