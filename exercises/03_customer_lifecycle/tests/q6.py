from otter.test_files import test_case

OK_FORMAT = False

name = "q6"
points = 1

@test_case(points=0, hidden=False)
def test_q6_self_check(q6, STUDENT_ID, LANG):
    from crmlib.exercises.lifecycle import check
    result = check('q6', q6, student=STUDENT_ID, lang=LANG)
    assert result.passed, result.message

