from otter.test_files import test_case

OK_FORMAT = False

name = "q1b"
points = 2

@test_case(points=0, hidden=False)
def test_q1b_self_check(q1b, STUDENT_ID, LANG):
    from crmlib.exercises.segmentation import check
    result = check('q1b', q1b, student=STUDENT_ID, lang=LANG)
    assert result.passed, result.message

