from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 2

@test_case(points=0, hidden=False)
def test_q3_self_check(q3, STUDENT_ID, LANG):
    from crmlib.exercises.lifecycle import check
    result = check('q3', q3, student=STUDENT_ID, lang=LANG)
    assert result.passed, result.message

