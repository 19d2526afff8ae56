from otter.test_files import test_case

OK_FORMAT = False

name = "q1a"
points = 1

@test_case(points=0, hidden=False)
def test_q1a_self_check(q1a, STUDENT_ID, LANG):
    from crmlib.exercises.segmentation import check
    result = check('q1a', q1a, student=STUDENT_ID, lang=LANG)
    assert result.passed, result.message

