from otter.test_files import test_case

OK_FORMAT = False

name = "q2b"
points = 1

@test_case(points=0, hidden=False)
def test_q2b_self_check(q2b, STUDENT_ID, LANG):
    from crmlib.exercises.strategy import check
    result = check('q2b', q2b, student=STUDENT_ID, lang=LANG)
    assert result.passed, result.message

