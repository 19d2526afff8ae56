from otter.test_files import test_case

OK_FORMAT = False

name = "q4"
points = 2

@test_case(points=0, hidden=False)
def test_q4_self_check(q4, STUDENT_ID, LANG):
    from crmlib.exercises.lifecycle import check
    result = check('q4', q4, student=STUDENT_ID, lang=LANG)
    assert result.passed, result.message

