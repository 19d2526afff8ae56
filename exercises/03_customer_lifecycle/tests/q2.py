from otter.test_files import test_case

OK_FORMAT = False

name = "q2"
points = 2

@test_case(points=0, hidden=False)
def test_q2_self_check(q2, STUDENT_ID, LANG):
    from crmlib.exercises.lifecycle import check
    result = check('q2', q2, student=STUDENT_ID, lang=LANG)
    assert result.passed, result.message

