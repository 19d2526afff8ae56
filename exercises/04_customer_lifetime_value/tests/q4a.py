from otter.test_files import test_case

OK_FORMAT = False

name = "q4a"
points = 1

@test_case(points=0, hidden=False)
def test_q4a_self_check(q4a, STUDENT_ID, LANG):
    from crmlib.exercises.clv import check
    result = check('q4a', q4a, student=STUDENT_ID, lang=LANG)
    assert result.passed, result.message

