class Node:
    def depth(self):
        return self.depth()
try:
    Node().depth()
except RecursionError:
    print("method recursion stopped")  # expect: method recursion stopped
print("still running")  # expect: still running
