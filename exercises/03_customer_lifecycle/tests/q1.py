from otter.test_files import test_case

OK_FORMAT = False

name = "q1"
points = 1

@test_case(points=0, hidden=False)
def test_q1_self_check(q1, STUDENT_ID, LANG):
    from crmlib.exercises.lifecycle import check
    result = check('q1', q1, student=STUDENT_ID, lang=LANG)
    assert result.passed, result.message

