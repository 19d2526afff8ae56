from otter.test_files import test_case

OK_FORMAT = False

name = "q5b"
points = 0.5

@test_case(points=0, hidden=False)
def test_q5b_self_check(q5b, STUDENT_ID, LANG):
    from crmlib.exercises.clv import check
    result = check('q5b', q5b, student=STUDENT_ID, lang=LANG)
    assert result.passed, result.message

