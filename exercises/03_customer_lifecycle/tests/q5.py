from otter.test_files import test_case

OK_FORMAT = False

name = "q5"
points = 2

@test_case(points=0, hidden=False)
def test_q5_self_check(q5, STUDENT_ID, LANG):
    from crmlib.exercises.lifecycle import check
    result = check('q5', q5, student=STUDENT_ID, lang=LANG)
    assert result.passed, result.message

