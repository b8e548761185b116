"""nbgrader configuration: stock nbgrader commands work from the repository root.

    nbgrader generate_assignment 01_micrograd --force   # solutions/ -> exercises/ (what `make release` runs)
    nbgrader autograde 01_micrograd                     # autograder/submitted/<learner>/01_micrograd/
    nbgrader generate_feedback 01_micrograd             # autograder/feedback/<learner>/01_micrograd/*.html
    nbgrader export                                     # grades.csv
"""

c = get_config()  # noqa: F821  (injected by nbgrader)

c.CourseDirectory.course_id = "nn-zero-to-hero"
c.CourseDirectory.root = "."
c.CourseDirectory.source_directory = "solutions"        # the hand-written notebooks with solutions and hidden tests
c.CourseDirectory.release_directory = "exercises"       # what learners get (generated; committed)
c.CourseDirectory.submitted_directory = "autograder/submitted"
c.CourseDirectory.autograded_directory = "autograder/autograded"
c.CourseDirectory.feedback_directory = "autograder/feedback"
# The folder must exist before any nbgrader command: `nnzh grade` and `make` create it.
c.CourseDirectory.db_url = "sqlite:///autograder/gradebook.db"

# Per-cell time limit while autograding: a cell that runs longer (an infinite loop) is interrupted,
# scores 0, and the rest of the batch goes on.
c.Execute.timeout = 300

# Learners' notebooks need only the course's Python kernel.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
