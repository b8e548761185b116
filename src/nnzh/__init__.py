"""Course helpers for the graded edition of *Neural Networks: Zero to Hero*.

Small on purpose: notebooks stay readable on their own and import only what they share.

- ``nnzh.data``        locate or fetch data sets (names.txt) with a checksum
- ``nnzh.checks``      tolerant comparisons whose failures say what differs
- ``nnzh.references``  reference tensors generated from the solution notebooks
- ``nnzh.graph``       micrograd-style computation graphs: order and drawing
- ``nnzh.course``      where things live (course root, units, Colab setup)
- ``nnzh.grading``     autograde the learner's notebooks into a score table
"""

__version__ = "0.1.0"
